import { z } from 'zod';
import { attendedHours, hours, isoDate } from '../common.js';
import { defineEvent } from '../define-event.js';
import { issue, withinDays } from '../rules.js';

/** The provider's attendance record for a service delivery over a period of at most 31 days. */
export const attendanceRecordedV1 = defineEvent({
  type: 'AttendanceRecorded',
  version: 1,
  context: 'third-sector',
  emitters: ['third-sector'],
  description: 'Hours scheduled and attended in a service delivery over a period of at most 31 days.',
  data: z
    .strictObject({
      deliveryId: z.uuid(),
      periodFrom: isoDate,
      periodTo: isoDate,
      hoursScheduled: hours(200),
      hoursAttended: attendedHours(200),
    })
    .refine(...withinDays('periodTo', 'periodFrom', 30))
    .refine(
      (d) => d.hoursAttended <= d.hoursScheduled,
      issue('hoursAttended', 'within-scheduled-hours', 'attended hours cannot exceed the scheduled ones'),
    ),
  example: {
    deliveryId: '6e8a0c2e-4f6b-4d8f-a1c3-5e7a9c1e3f5b',
    periodFrom: '2026-12-01',
    periodTo: '2026-12-31',
    hoursScheduled: 24,
    hoursAttended: 21.5,
  },
});
