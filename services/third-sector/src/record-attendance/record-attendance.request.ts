import { attendanceRecordedV1 } from '@traiettorie/contracts';
import { caseIdentityRequest } from '@traiettorie/nest-kit';
import type { z } from 'zod';

/** POST /cases/:caseId/attendance: the AttendanceRecorded data (hours over a period of at most 31 days). */
export const recordAttendanceRequest = attendanceRecordedV1.data.extend(caseIdentityRequest);

export const recordAttendanceExamples = {
  december: {
    summary: "December's hours (send it after the delivery started)",
    value: attendanceRecordedV1.example satisfies z.input<typeof recordAttendanceRequest>,
  },
};
