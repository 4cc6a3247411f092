import { z } from 'zod';
import { isoDate } from '../common.js';
import { defineEvent } from '../define-event.js';

/** What the person's conditionality (the measure's activation obligations) became. */
export const conditionalityStates = ['suspended-employed', 'active'] as const;

/**
 * The case learned of an event of another agency that changes the person's
 * conditionality: an employment started at the CPI suspends the activation
 * obligations while it lasts. Recorded by the social service's policy, with
 * an id derived from the cause, so a redelivery records nothing twice.
 */
export const conditionalityUpdatedV1 = defineEvent({
  type: 'ConditionalityUpdated',
  version: 1,
  context: 'social-services',
  emitters: ['social-services'],
  description: "The case's conditionality changed because of another agency's event (an employment started).",
  data: z.strictObject({
    causeEventId: z.uuid(),
    cause: z.enum(['employment-started']),
    conditionality: z.enum(conditionalityStates),
    since: isoDate,
  }),
  example: {
    causeEventId: '8d2f4b6a-1c3e-4f5a-9b7d-2e4f6a8c0b1d',
    cause: 'employment-started',
    conditionality: 'suspended-employed',
    since: '2027-05-03',
  },
});
