import { z } from 'zod';
import { attendedHours, hours, isoDate, referenceToPerson } from '../common.js';
import { defineEvent } from '../define-event.js';
import { issue, withinDays } from '../rules.js';

/** Attendance at a PUC over a period of at most a month, as the host reports it to the Comune. */
// v2, same data as v1, stricter classification (docs/data-classification.md): memberRef is a reference to a person, erased with that person.
export const pucAttendanceRecordedV2 = defineEvent({
  type: 'PUCAttendanceRecorded',
  version: 2,
  context: 'social-services',
  emitters: ['social-services'],
  description: 'Hours scheduled, attended and justifiably missed at a PUC over a period of at most 31 days.',
  data: z
    .strictObject({
      pucProjectCode: z.string().min(1).max(60),
      memberRef: referenceToPerson,
      periodFrom: isoDate,
      periodTo: isoDate,
      hoursScheduled: hours(80),
      hoursAttended: attendedHours(80),
      justifiedAbsenceHours: attendedHours(80),
    })
    .refine(...withinDays('periodTo', 'periodFrom', 30))
    .refine(
      (d) => d.hoursAttended + d.justifiedAbsenceHours <= d.hoursScheduled,
      issue('hoursAttended', 'within-scheduled-hours', 'attended and justified hours cannot exceed the scheduled ones'),
    ),
  example: {
    pucProjectCode: 'PUC-COLOGNO-2026-07',
    memberRef: 'P-SSG-7f3a91',
    periodFrom: '2026-12-01',
    periodTo: '2026-12-31',
    hoursScheduled: 32,
    hoursAttended: 28,
    justifiedAbsenceHours: 4,
  },
});
