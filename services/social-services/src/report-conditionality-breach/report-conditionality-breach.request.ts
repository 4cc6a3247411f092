import { conditionalityBreachReportedV2 } from '@traiettorie/contracts';
import type { z } from 'zod';

/** POST /cases/:caseId/conditionality-breaches: exactly the ConditionalityBreachReported data. */
export const reportConditionalityBreachRequest = conditionalityBreachReportedV2.data;

/** Each example succeeds when sent as it is, in the pathway's order (the OpenAPI document lists the routes in that order). */
export const reportConditionalityBreachExamples = {
  pucNotAttended: { summary: 'A PUC not attended, reported to INPS', value: conditionalityBreachReportedV2.example satisfies z.input<typeof reportConditionalityBreachRequest> },
};
