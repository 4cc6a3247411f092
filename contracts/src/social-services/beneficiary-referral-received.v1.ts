import { z } from 'zod';
import { classified, householdRef, isoDate } from '../common.js';
import { defineEvent } from '../define-event.js';
import { notBefore, withinDays } from '../rules.js';
import { measures } from '../vocabulary.js';

/**
 * SIISL (GePI for the older measures) referred a household that signed its
 * digital activation pact (PAD) to the social service. The first appointment
 * is due within 120 days of the PAD.
 */
export const beneficiaryReferralReceivedV1 = defineEvent({
  type: 'BeneficiaryReferralReceived',
  version: 1,
  context: 'social-services',
  emitters: ['social-services'],
  description: 'The national platform referred a household after its activation pact (PAD); first appointment due within 120 days.',
  data: z
    .strictObject({
      householdRef: classified(householdRef, 'personal'),
      measure: z.enum(measures),
      /** The referring platform's own reference for the referral. */
      platformReferralRef: classified(z.string().min(1).max(64), 'personal'),
      padSignedOn: isoDate,
      receivedOn: isoDate,
      firstAppointmentDueBy: isoDate,
    })
    .refine(...notBefore('receivedOn', 'padSignedOn'))
    .refine(...withinDays('firstAppointmentDueBy', 'padSignedOn', 120)),
  example: {
    householdRef: 'H-SSG-2026-0042',
    measure: 'ADI',
    platformReferralRef: 'SIISL-2026-LOM-0815532',
    padSignedOn: '2026-09-14',
    receivedOn: '2026-09-16',
    firstAppointmentDueBy: '2026-11-13',
  },
});
