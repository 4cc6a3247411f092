import { z } from 'zod';
import { classified, isoDate } from '../common.js';
import { defineEvent } from '../define-event.js';
import { distinct, issue, withinDays } from '../rules.js';

/** The situation at exit, as the ESF+ immediate result indicators count it (EECR01-EECR04). */
export const exitSituations = ['job-searching', 'education-training', 'qualification', 'employed', 'none'] as const;

/**
 * The person left a service. The situation at exit is assessed within 4
 * weeks; job searching and employed exclude each other, and `none` stands alone.
 */
export const participantExitRecordedV1 = defineEvent({
  type: 'ParticipantExitRecorded',
  version: 1,
  context: 'third-sector',
  emitters: ['third-sector'],
  description: 'The person left a service; their situation within 4 weeks of leaving, as ESF+ immediate results count it.',
  data: z
    .strictObject({
      deliveryId: z.uuid(),
      exitedOn: isoDate,
      /** Whether the person left at the planned end rather than early. */
      completed: z.boolean(),
      situationAssessedOn: isoDate,
      situationAtExit: classified(
        z
          .array(z.enum(exitSituations))
          .min(1)
          .refine(...distinct())
          .refine(
            (s) => !s.includes('none') || s.length === 1,
            issue(undefined, 'none-alone', '"none" excludes every other situation'),
          )
          .refine(
            (s) => !(s.includes('job-searching') && s.includes('employed')),
            issue(undefined, 'searching-or-employed', 'job searching and employed exclude each other'),
          ),
        'personal',
      ),
    })
    .refine(...withinDays('situationAssessedOn', 'exitedOn', 28)),
  example: {
    deliveryId: '6e8a0c2e-4f6b-4d8f-a1c3-5e7a9c1e3f5b',
    exitedOn: '2027-06-30',
    completed: true,
    situationAssessedOn: '2027-07-14',
    situationAtExit: ['job-searching', 'qualification'],
  },
});
