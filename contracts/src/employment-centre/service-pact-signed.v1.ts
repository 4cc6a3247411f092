import { z } from 'zod';
import { classified, isoDate, operatorRef } from '../common.js';
import { defineEvent } from '../define-event.js';
import { distinct, withinDays } from '../rules.js';

/** Measures a Patto di servizio personalizzato can plan. */
export const servicePactActions = [
  'orientation',
  'skills-assessment',
  'training',
  'tirocinio',
  'job-search-support',
  'self-employment-support',
] as const;

/** The Patto di servizio personalizzato (PSP) was signed at the CPI, due within 60 days of the referral. */
export const servicePactSignedV1 = defineEvent({
  type: 'ServicePactSigned',
  version: 1,
  context: 'employment-centre',
  emitters: ['employment-centre'],
  description: 'The personalised service pact (PSP) was signed at the employment centre, with its actions and next check.',
  data: z
    .strictObject({
      servicePactId: z.uuid(),
      signedOn: isoDate,
      /** The EmploymentReferralReceived event the pact answers, when it came from a referral. */
      referralEventId: z.uuid().optional(),
      actions: z
        .array(z.enum(servicePactActions))
        .min(1)
        .refine(...distinct()),
      caseManager: classified(operatorRef, 'personal'),
      nextCheckOn: isoDate,
    })
    .refine(...withinDays('nextCheckOn', 'signedOn', 90)),
  example: {
    servicePactId: '7b1d3f5a-9c2e-4e6a-8b0d-1f3a5c7e9b2d',
    signedOn: '2026-11-05',
    referralEventId: '0b0f3c1a-9b0e-4a55-8d64-3c2b9b0b7e21',
    actions: ['orientation', 'training', 'tirocinio'],
    caseManager: 'afol-op-112',
    nextCheckOn: '2027-02-03',
  },
});
