import { z } from 'zod';
import { classified, referenceToPerson } from '../common.js';
import { defineEvent } from '../define-event.js';
import { issue } from '../rules.js';
import { pactSignedV2 } from './pact-signed.v2.js';

/** What one bound member undertakes towards one objective of the pact (as PactRevised carries it). */
export const pactCommitment = z.strictObject({
  memberRef: referenceToPerson,
  objectiveCode: z.string().min(1).max(40),
  description: classified(z.string().min(1).max(500), 'personal'),
});

/**
 * The Patto per l'inclusione sociale (PaIS) was signed by the household.
 * v3 adds the commitments of each bound member (DOMAIN.md: "commitments per
 * bound household member"), which v1 and v2 did not carry: their events are
 * upcast with no commitments (`[]`, "not recorded before v3"). v2 differs
 * from v1 only in classification and stays as stored.
 */
export const pactSignedV3 = defineEvent({
  type: 'PactSigned',
  version: 3,
  context: 'social-services',
  emitters: ['social-services'],
  description: "The Patto per l'inclusione sociale was signed: objectives, each bound member's commitments, supports, review dates.",
  data: pactSignedV2.data
    .extend({
      /** Each bound member's commitments; empty on pacts signed before v3 (upcast), at least one per bound member on new ones (the SignPact command's rule). */
      commitments: classified(z.array(pactCommitment).max(100), 'personal'),
    })
    .refine(
      (d) => d.commitments.every((c) => d.boundMembers.includes(c.memberRef)),
      issue('commitments', 'bound-member', 'every commitment belongs to a bound member'),
    )
    .refine(
      (d) => d.commitments.every((c) => d.objectives.some((o) => o.code === c.objectiveCode)),
      issue('commitments', 'known-objective', 'every commitment serves one of the objectives'),
    ),
  example: {
    ...pactSignedV2.example,
    commitments: [{ memberRef: 'P-SSG-7f3a91', objectiveCode: 'EMP-1', description: 'Attend the tirocinio at least 20 hours a week' }],
  },
});
