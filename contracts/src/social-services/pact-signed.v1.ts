import { z } from 'zod';
import { classified, isoDate, personRef } from '../common.js';
import { defineEvent } from '../define-event.js';

/** The Patto per l'inclusione sociale (PaIS) was signed by the household. */
export const pactSignedV1 = defineEvent({
  type: 'PactSigned',
  version: 1,
  context: 'social-services',
  emitters: ['social-services'],
  description: "The Patto per l'inclusione sociale was signed: objectives, commitments, supports, review dates.",
  data: z.strictObject({
    pactId: z.uuid(),
    signedOn: isoDate,
    boundMembers: classified(z.array(personRef).min(1), 'personal'),
    objectives: z
      .array(z.strictObject({ code: z.string().min(1).max(40), description: z.string().min(1).max(500) }))
      .min(1),
    supports: z.array(
      z.enum(['tirocinio', 'training', 'puc', 'educativa-domiciliare', 'mediation', 'parenting-support', 'borsa-lavoro']),
    ),
    reviewDates: z.array(isoDate).min(1),
  }),
  example: {
    pactId: '5d7a9a7e-3c1e-4b53-9d0e-0b7f5e3d8c11',
    signedOn: '2026-11-03',
    boundMembers: ['P-SSG-7f3a91'],
    objectives: [{ code: 'EMP-1', description: 'Complete a tirocinio di inclusione in the logistics sector' }],
    supports: ['tirocinio', 'educativa-domiciliare'],
    reviewDates: ['2027-02-01'],
  },
});
