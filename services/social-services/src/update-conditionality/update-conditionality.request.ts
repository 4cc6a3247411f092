import { conditionalityUpdatedV1 } from '@traiettorie/contracts';
import type { z } from 'zod';

/** POST /cases/:caseId/conditionality: exactly the ConditionalityUpdated data. */
export const updateConditionalityRequest = conditionalityUpdatedV1.data;

/** The example succeeds when sent as it is, once per case. */
export const updateConditionalityExamples = {
  employed: {
    summary: 'The person started work: conditionality suspended while employed',
    value: conditionalityUpdatedV1.example satisfies z.input<typeof updateConditionalityRequest>,
  },
};
