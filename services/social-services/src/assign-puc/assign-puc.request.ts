import { pucAssignedV2 } from '@traiettorie/contracts';
import type { z } from 'zod';

/** POST /cases/:caseId/puc-assignments: exactly the PUCAssigned data. */
export const assignPucRequest = pucAssignedV2.data;

/** Each example succeeds when sent as it is, in the pathway's order (the OpenAPI document lists the routes in that order). */
export const assignPucExamples = {
  environmental: { summary: 'An environmental PUC, 8 hours a week', value: pucAssignedV2.example satisfies z.input<typeof assignPucRequest> },
};
