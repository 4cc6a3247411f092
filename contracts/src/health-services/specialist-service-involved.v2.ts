import { z } from 'zod';
import { classified, isoDate } from '../common.js';
import { defineEvent } from '../define-event.js';
import { issue } from '../rules.js';
import { specialistServiceCategories } from '../vocabulary.js';

const serviceCategory = classified(z.enum(specialistServiceCategories), 'special-category');

/** Involvement in a known person's pathway; which service it is travels only under a recorded consent. */
const identified = z
  .strictObject({
    anonymous: z.literal(false),
    involvedOn: isoDate,
    involvement: classified(z.enum(['joins-eemm', 'takes-in-charge', 'consulted']), 'special-category'),
    serviceCategory: serviceCategory.optional(),
    /** The ConsentRecorded (`consentId`) that lets the category be shared. */
    consentId: z.uuid().optional(),
  })
  .refine(
    (d) => d.serviceCategory === undefined || d.consentId !== undefined,
    issue('consentId', 'consent-for-service-category', 'the service category is shared only under a recorded consent'),
  );

/**
 * Involvement of a person who asked for anonymity (DPR 309/1990 art. 120): it
 * links to no one, so it carries nothing that could point back to a case —
 * no consent, no role in an EEMM — and only feeds aggregate counts.
 */
const anonymous = z.strictObject({
  anonymous: z.literal(true),
  involvedOn: isoDate,
  serviceCategory,
});

/**
 * A specialist health service (CPS, SerD/NOA, UOMPIA) is involved. Special
 * category by inference: the category reveals mental health or addiction.
 * With `anonymous: true` the event must travel with an `anon:` personref and a
 * subject of its own, never the person's case id (parseEvent enforces the
 * personref; the emitter owns the subject).
 */
// v2, same data as v1, stricter classification (docs/data-classification.md): the involvement of a specialist (mental-health, addiction) service reveals health: special category.
export const specialistServiceInvolvedV2 = defineEvent({
  type: 'SpecialistServiceInvolved',
  version: 2,
  context: 'health-services',
  emitters: ['health-services'],
  description: 'A specialist health service is involved; category only under consent; anonymous (DPR 309/1990 art. 120) links to no one.',
  data: z.discriminatedUnion('anonymous', [identified, anonymous]),
  example: {
    anonymous: false,
    involvedOn: '2026-10-20',
    involvement: 'joins-eemm',
    serviceCategory: 'mental-health',
    consentId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  },
});
