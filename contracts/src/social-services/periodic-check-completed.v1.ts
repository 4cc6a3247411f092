import { z } from 'zod';
import { classified, isoDate } from '../common.js';
import { defineEvent } from '../define-event.js';
import { withinDays } from '../rules.js';
import { attendanceOutcomes } from '../vocabulary.js';

/** The periodic check of the pathway, due every 90 days; the next one is set within 90 days. */
export const periodicCheckCompletedV1 = defineEvent({
  type: 'PeriodicCheckCompleted',
  version: 1,
  context: 'social-services',
  emitters: ['social-services'],
  description: 'The 90-day check of the pathway took place; it names its outcome and the next check, at most 90 days on.',
  data: z
    .strictObject({
      checkedOn: isoDate,
      attendance: classified(z.enum(attendanceOutcomes), 'personal'),
      outcome: classified(z.enum(['on-track', 'pact-revision-needed', 'conditionality-breach', 'closure-proposed']), 'personal'),
      nextCheckDueBy: isoDate,
    })
    .refine(...withinDays('nextCheckDueBy', 'checkedOn', 90)),
  example: {
    checkedOn: '2027-01-12',
    attendance: 'present',
    outcome: 'pact-revision-needed',
    nextCheckDueBy: '2027-04-12',
  },
});
