import { z } from 'zod';
import { isoDate } from '../common.js';
import { defineEvent } from '../define-event.js';

/**
 * The Centro per l'Impiego received a referral from the social service's
 * assessment; a Patto di servizio personalizzato is due within 60 days.
 */
export const employmentReferralReceivedV1 = defineEvent({
  type: 'EmploymentReferralReceived',
  version: 1,
  context: 'employment-centre',
  emitters: ['employment-centre'],
  description: 'The employment centre took in a referral from an assessment; the PSP is due within 60 days.',
  data: z.strictObject({
    assessmentEventId: z.uuid(),
    receivedOn: isoDate,
    servicePactDueBy: isoDate,
  }),
  example: {
    assessmentEventId: '0b0f3c1a-9b0e-4a55-8d64-3c2b9b0b7e21',
    receivedOn: '2026-10-21',
    servicePactDueBy: '2026-12-20',
  },
});
