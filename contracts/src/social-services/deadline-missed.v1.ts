import { z } from 'zod';
import { isoDate } from '../common.js';
import { defineEvent } from '../define-event.js';
import { deadlineRuleIds } from '../deadline-rules.js';
import { notBefore } from '../rules.js';

/**
 * A legal deadline of the pathway passed without the event it awaited
 * (contracts/src/deadline-rules.ts declares each rule once). Recorded on the
 * case's stream by the hub's deadline watch, acting for the social service that
 * follows the case, exactly once per deadline.
 */
export const deadlineMissedV1 = defineEvent({
  type: 'DeadlineMissed',
  version: 1,
  context: 'social-services',
  emitters: ['social-services'],
  description: 'A legal deadline of the pathway passed without the event it awaited (first appointment, PSP, periodic check, pact review).',
  data: z
    .strictObject({
      /** The deadline's id: the same for every watcher, derived from the event that opened it and the rule. */
      deadlineId: z.uuid(),
      rule: z.enum(deadlineRuleIds),
      /** The last day on which the awaited event was on time (moved past Sundays and holidays). */
      dueOn: isoDate,
      openedBy: z.strictObject({ eventId: z.uuid(), type: z.string().min(1).max(80) }),
      /** The event types any of which would have met the deadline. */
      awaited: z.array(z.string().min(1).max(80)).min(1),
      /** The day the deadline watch found it missed. */
      detectedOn: isoDate,
    })
    .refine(...notBefore('detectedOn', 'dueOn')),
  example: {
    deadlineId: '3f1d7a52-8c0e-5b6a-9d4e-2a1b3c4d5e6f',
    rule: 'service-pact',
    dueOn: '2026-12-21',
    openedBy: { eventId: '0b0f3c1a-9b0e-4a55-8d64-3c2b9b0b7e21', type: 'EmploymentReferralReceived' },
    awaited: ['ServicePactSigned'],
    detectedOn: '2026-12-22',
  },
});
