import { z } from 'zod';
import { attendedHours, classified, isoDate } from '../common.js';
import { defineEvent } from '../define-event.js';
import { issue } from '../rules.js';
import { eqfLevel } from '../vocabulary.js';

const qualification = z.strictObject({
  kind: z.enum(['qualification', 'competence-certificate', 'attendance-certificate']),
  title: classified(z.string().min(1).max(200), 'personal'),
  eqfLevel: eqfLevel.optional(),
});

/** A course ended for the person: completed, withdrawn or failed; a completed course may award a qualification. */
// v2, same data as v1, stricter classification (docs/data-classification.md): the qualification's title is free text, so personal.
export const trainingCompletedV2 = defineEvent({
  type: 'TrainingCompleted',
  version: 2,
  context: 'employment-centre',
  emitters: ['employment-centre'],
  description: 'A course ended for the person: outcome, hours attended, and any qualification with its EQF level.',
  data: z
    .strictObject({
      courseId: z.string().min(1).max(60),
      endedOn: isoDate,
      outcome: classified(z.enum(['completed', 'withdrawn', 'failed']), 'personal'),
      hoursAttended: attendedHours(2000),
      qualification: qualification.optional(),
    })
    .refine(
      (d) => d.qualification === undefined || d.outcome === 'completed',
      issue('qualification', 'only-when-completed', 'only a completed course awards a qualification'),
    ),
  example: {
    courseId: 'LOM-GOL-2026-ID-48213',
    endedOn: '2027-02-26',
    outcome: 'completed',
    hoursAttended: 188,
    qualification: { kind: 'competence-certificate', title: 'Addetto alla logistica di magazzino', eqfLevel: 3 },
  },
});
