import { preliminaryAnalysisCompletedV2 } from '@traiettorie/contracts';
import type { z } from 'zod';

/** POST /cases/:caseId/preliminary-analysis: exactly the PreliminaryAnalysisCompleted data. */
export const completePreliminaryAnalysisRequest = preliminaryAnalysisCompletedV2.data;

/** Each example succeeds when sent as it is, in the pathway's order (the OpenAPI document lists the routes in that order). */
export const completePreliminaryAnalysisExamples = {
  quadro: { summary: 'Complex needs: a quadro di analisi with the EEMM is required', value: preliminaryAnalysisCompletedV2.example satisfies z.input<typeof completePreliminaryAnalysisRequest> },
};
