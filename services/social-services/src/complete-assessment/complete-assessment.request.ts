import { assessmentCompletedV2 } from '@traiettorie/contracts';
import type { z } from 'zod';

/** POST /cases/:caseId/assessment: exactly the AssessmentCompleted data. */
export const completeAssessmentRequest = assessmentCompletedV2.data;

export const completeAssessmentExamples = {
  referredToEmployment: {
    summary: 'Multidimensional assessment referring the person to the employment centre',
    value: assessmentCompletedV2.example satisfies z.input<typeof completeAssessmentRequest>,
  },
};
