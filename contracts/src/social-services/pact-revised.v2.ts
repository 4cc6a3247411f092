import { z } from 'zod';
import { classified, isoDate, referenceToPerson } from '../common.js';
import { defineEvent } from '../define-event.js';
import { distinct, issue } from '../rules.js';
import { pactSupports } from '../vocabulary.js';

const objective = z.strictObject({ code: z.string().min(1).max(40), description: classified(z.string().min(1).max(500), 'personal') });

/** What one bound member undertakes towards one objective of the pact. */
const commitment = z.strictObject({
  memberRef: referenceToPerson,
  objectiveCode: z.string().min(1).max(40),
  description: classified(z.string().min(1).max(500), 'personal'),
});

/** The PaIS was revised: the whole revised pact, so a reader never needs the earlier versions to know the current one. */
// v2, same data as v1, stricter classification (docs/data-classification.md): bound members and each commitment's member are references to persons; descriptions are free text, so personal.
export const pactRevisedV2 = defineEvent({
  type: 'PactRevised',
  version: 2,
  context: 'social-services',
  emitters: ['social-services'],
  description: "The Patto per l'inclusione sociale was revised; the event carries the whole revised pact.",
  data: z
    .strictObject({
      pactId: z.uuid(),
      /** 1 for the first revision of the signed pact. */
      revision: z.int().min(1).max(99),
      revisedOn: isoDate,
      reason: z.enum(['periodic-check', 'change-of-circumstances', 'new-need', 'household-change', 'objective-met']),
      boundMembers: classified(
        z
          .array(referenceToPerson)
          .min(1)
          .refine(...distinct()),
        'personal',
      ),
      objectives: z.array(objective).min(1),
      commitments: classified(z.array(commitment), 'personal'),
      supports: z.array(z.enum(pactSupports)).refine(...distinct()),
      reviewDates: z.array(isoDate).min(1),
    })
    .refine(
      (d) => d.commitments.every((c) => d.boundMembers.includes(c.memberRef)),
      issue('commitments', 'bound-member', 'every commitment belongs to a bound member'),
    )
    .refine(
      (d) => d.commitments.every((c) => d.objectives.some((o) => o.code === c.objectiveCode)),
      issue('commitments', 'known-objective', 'every commitment serves one of the objectives'),
    )
    .refine(
      (d) => d.reviewDates.every((date) => date > d.revisedOn),
      issue('reviewDates', 'after:revisedOn', 'review dates come after the revision'),
    ),
  example: {
    pactId: '5d7a9a7e-3c1e-4b53-9d0e-0b7f5e3d8c11',
    revision: 1,
    revisedOn: '2027-02-01',
    reason: 'periodic-check',
    boundMembers: ['P-SSG-7f3a91', 'P-SSG-7f3a92'],
    objectives: [
      { code: 'EMP-1', description: 'Complete a tirocinio di inclusione in the logistics sector' },
      { code: 'FAM-1', description: 'Regular school attendance of the children' },
    ],
    commitments: [
      { memberRef: 'P-SSG-7f3a91', objectiveCode: 'EMP-1', description: 'Attend the tirocinio at least 20 hours a week' },
      { memberRef: 'P-SSG-7f3a92', objectiveCode: 'FAM-1', description: 'Meet the class teachers once a month' },
    ],
    supports: ['tirocinio', 'educativa-domiciliare', 'parenting-support'],
    reviewDates: ['2027-05-03'],
  },
});
