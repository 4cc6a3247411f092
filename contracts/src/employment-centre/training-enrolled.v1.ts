import { z } from 'zod';
import { hours, isoDate, organisationId } from '../common.js';
import { defineEvent } from '../define-event.js';
import { notBefore } from '../rules.js';
import { eqfLevel } from '../vocabulary.js';

/** The person was enrolled in a course of the regional training catalogue. */
export const trainingEnrolledV1 = defineEvent({
  type: 'TrainingEnrolled',
  version: 1,
  context: 'employment-centre',
  emitters: ['employment-centre'],
  description: 'The person was enrolled in a course of the regional catalogue, with its provider, dates and planned hours.',
  data: z
    .strictObject({
      /** The course's id in the regional catalogue. */
      courseId: z.string().min(1).max(60),
      providerId: organisationId,
      enrolledOn: isoDate,
      startsOn: isoDate,
      endsOn: isoDate,
      plannedHours: hours(2000),
      expectedEqfLevel: eqfLevel.optional(),
    })
    .refine(...notBefore('startsOn', 'enrolledOn'))
    .refine(...notBefore('endsOn', 'startsOn')),
  example: {
    courseId: 'LOM-GOL-2026-ID-48213',
    providerId: 'afol-metropolitana',
    enrolledOn: '2026-11-12',
    startsOn: '2026-11-23',
    endsOn: '2027-02-26',
    plannedHours: 200,
    expectedEqfLevel: 3,
  },
});
