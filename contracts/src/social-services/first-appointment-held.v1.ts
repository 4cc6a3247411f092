import { z } from 'zod';
import { classified, isoDate } from '../common.js';
import { defineEvent } from '../define-event.js';
import { issue, notBefore } from '../rules.js';
import { attendanceOutcomes } from '../vocabulary.js';

/** The household's first appointment at the social service: present, or absent with or without justification. */
export const firstAppointmentHeldV1 = defineEvent({
  type: 'FirstAppointmentHeld',
  version: 1,
  context: 'social-services',
  emitters: ['social-services'],
  description: 'The first appointment took place or was missed; an unjustified absence may be reported to INPS.',
  data: z
    .strictObject({
      appointmentOn: isoDate,
      attendance: classified(z.enum(attendanceOutcomes), 'personal'),
      /** A new date, after a justified absence. */
      rescheduledTo: isoDate.optional(),
    })
    .refine(
      (d) => d.attendance !== 'present' || d.rescheduledTo === undefined,
      issue('rescheduledTo', 'only-when-absent', 'only an appointment that was missed is rescheduled'),
    )
    .refine(...notBefore('rescheduledTo', 'appointmentOn')),
  example: {
    appointmentOn: '2026-10-02',
    attendance: 'present',
  },
});
