import { z } from 'zod';
import { classified, isoDate } from '../common.js';
import { defineEvent } from '../define-event.js';

export const carePathStatuses = ['taken-in-charge', 'active', 'suspended', 'concluded', 'dropped-out'] as const;

/**
 * The status of the person's care path at a health service changed. Special
 * category; shared with the pathway's other agencies only under a recorded
 * consent, which the event names. No diagnosis, no service category.
 */
export const carePathStatusChangedV1 = defineEvent({
  type: 'CarePathStatusChanged',
  version: 1,
  context: 'health-services',
  emitters: ['health-services'],
  description: "The status of the person's care path changed; shared under a recorded consent, without diagnosis or service.",
  data: z.strictObject({
    changedOn: isoDate,
    status: classified(z.enum(carePathStatuses), 'special-category'),
    /** Whether the care path exempts the person from activation obligations (DL 48/2023 art. 6). */
    exemptFromActivation: classified(z.boolean(), 'special-category'),
    consentId: z.uuid(),
  }),
  example: {
    changedOn: '2026-11-09',
    status: 'active',
    exemptFromActivation: false,
    consentId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  },
});
