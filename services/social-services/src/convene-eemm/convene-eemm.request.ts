import { eemmConvenedV1 } from '@traiettorie/contracts';
import type { z } from 'zod';

/** POST /cases/:caseId/eemm: exactly the EEMMConvened data. */
export const conveneEemmRequest = eemmConvenedV1.data;

/** Each example succeeds when sent as it is, in the pathway's order (the OpenAPI document lists the routes in that order). */
export const conveneEemmExamples = {
  withHealth: { summary: 'The EEMM with the employment centre and the health services', value: eemmConvenedV1.example satisfies z.input<typeof conveneEemmRequest> },
};
