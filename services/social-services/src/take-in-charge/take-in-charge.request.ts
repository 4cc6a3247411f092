import { caseTakenInChargeV1 } from '@traiettorie/contracts';
import type { z } from 'zod';

/** POST /cases/:caseId/taking-in-charge: exactly the CaseTakenInCharge data. */
export const takeInChargeRequest = caseTakenInChargeV1.data;

/** Each example succeeds when sent as it is, in the pathway's order (the OpenAPI document lists the routes in that order). */
export const takeInChargeExamples = {
  takenInCharge: { summary: 'The social service takes the household in charge', value: caseTakenInChargeV1.example satisfies z.input<typeof takeInChargeRequest> },
};
