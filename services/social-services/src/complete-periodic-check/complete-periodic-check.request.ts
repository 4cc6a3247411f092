import { periodicCheckCompletedV1 } from '@traiettorie/contracts';
import type { z } from 'zod';

/** POST /cases/:caseId/periodic-checks: exactly the PeriodicCheckCompleted data. */
export const completePeriodicCheckRequest = periodicCheckCompletedV1.data;

/** Each example succeeds when sent as it is, in the pathway's order (the OpenAPI document lists the routes in that order). */
export const completePeriodicCheckExamples = {
  revisionNeeded: { summary: 'A check that asks for a revision of the pact', value: periodicCheckCompletedV1.example satisfies z.input<typeof completePeriodicCheckRequest> },
};
