import { caseClosedV1 } from '@traiettorie/contracts';
import type { z } from 'zod';

/** POST /cases/:caseId/closure: the CaseClosed data as the contract defines it. */
export const closeCaseRequest = caseClosedV1.data;

/** Each example succeeds when sent as it is, once per case. */
export const closeCaseExamples = {
  employed: { summary: 'The person found a job', value: caseClosedV1.example satisfies z.input<typeof closeCaseRequest> },
};
