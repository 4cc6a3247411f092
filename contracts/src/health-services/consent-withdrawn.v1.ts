import { z } from 'zod';
import { isoDate } from '../common.js';
import { defineEvent } from '../define-event.js';
import { distinct } from '../rules.js';
import { consentScopes } from '../vocabulary.js';

/** The person withdrew a consent, wholly or (with `scope`) for some items only; sharing stops from that day. */
export const consentWithdrawnV1 = defineEvent({
  type: 'ConsentWithdrawn',
  version: 1,
  context: 'health-services',
  emitters: ['health-services'],
  description: 'The person withdrew a recorded consent, wholly or for the listed items; no more sharing from that day.',
  data: z.strictObject({
    consentId: z.uuid(),
    withdrawnOn: isoDate,
    /** The items withdrawn; absent when the whole consent is. */
    scope: z
      .array(z.enum(consentScopes))
      .min(1)
      .refine(...distinct())
      .optional(),
  }),
  example: {
    consentId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    withdrawnOn: '2027-01-15',
    scope: ['care-path-status'],
  },
});
