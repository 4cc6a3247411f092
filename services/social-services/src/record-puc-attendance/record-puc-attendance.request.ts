import { pucAttendanceRecordedV2 } from '@traiettorie/contracts';
import type { z } from 'zod';

/** POST /cases/:caseId/puc-attendance: exactly the PUCAttendanceRecorded data. */
export const recordPucAttendanceRequest = pucAttendanceRecordedV2.data;

/** Each example succeeds when sent as it is, in the pathway's order (the OpenAPI document lists the routes in that order). */
export const recordPucAttendanceExamples = {
  december: { summary: 'December\'s hours as the host reports them', value: pucAttendanceRecordedV2.example satisfies z.input<typeof recordPucAttendanceRequest> },
};
