import { z } from 'zod';
import { classified, isoDate, referenceToPerson } from '../common.js';
import { defineEvent } from '../define-event.js';

/** The Patto per l'inclusione sociale (PaIS) was signed by the household. */
// v2, same data as v1, stricter classification (docs/data-classification.md): each bound member is a reference to a person (erased with that person); objectives' descriptions are free text, so personal.
export const pactSignedV2 = defineEvent({
  type: 'PactSigned',
  version: 2,
  context: 'social-services',
  emitters: ['social-services'],
  description: "The Patto per l'inclusione sociale was signed: objectives, commitments, supports, review dates.",
  data: z.strictObject({
    pactId: z.uuid(),
    signedOn: isoDate,
    boundMembers: classified(z.array(referenceToPerson).min(1), 'personal'),
    objectives: z
      .array(z.strictObject({ code: z.string().min(1).max(40), description: classified(z.string().min(1).max(500), 'personal') }))
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
