import { firstAppointmentHeldV1 } from '@traiettorie/contracts';
import type { z } from 'zod';

/** POST /cases/:caseId/first-appointment: exactly the FirstAppointmentHeld data. */
export const recordFirstAppointmentRequest = firstAppointmentHeldV1.data;

/** Each example succeeds when sent as it is, in the pathway's order (the OpenAPI document lists the routes in that order). */
export const recordFirstAppointmentExamples = {
  present: { summary: 'The household came to its first appointment', value: firstAppointmentHeldV1.example satisfies z.input<typeof recordFirstAppointmentRequest> },
};
