import { z } from 'zod';
import { isoDate, organisationId } from '../common.js';
import { defineEvent } from '../define-event.js';
import { supportKinds } from '../social-services/support-activated.v1.js';

/**
 * A third-sector partner took in a support the social service activated with
 * it as provider: its delivery is expected from the support's start.
 * Recorded by the partner's policy, with an id derived from the support's
 * event, so a redelivery records nothing twice.
 */
export const serviceDeliveryExpectedV1 = defineEvent({
  type: 'ServiceDeliveryExpected',
  version: 1,
  context: 'third-sector',
  emitters: ['third-sector'],
  description: 'A third-sector partner took in a support activated with it as provider: its delivery is expected.',
  data: z.strictObject({
    supportEventId: z.uuid(),
    supportId: z.uuid(),
    providerId: organisationId,
    agreementRef: z.string().min(1).max(80),
    supportKind: z.enum(supportKinds),
    expectedFrom: isoDate,
  }),
  example: {
    supportEventId: '9b1d3f5a-7c2e-4a6b-8d0f-3e5a7c9b1d2f',
    supportId: '2c4e6a8b-0d1f-4a3b-8c5d-7e9f1a2b3c4d',
    providerId: 'coop-lotta-contro-emarginazione',
    agreementRef: 'COPROG-SSG-2025-03',
    supportKind: 'educativa-domiciliare',
    expectedFrom: '2026-11-16',
  },
});
