import { z } from 'zod';
import { classified, hours, isoDate, organisationId, referenceToPerson } from '../common.js';
import { defineEvent } from '../define-event.js';
import { distinct, issue, notBefore } from '../rules.js';
import { supportKinds } from './support-activated.v1.js';

/**
 * A support of the PaIS was activated. A local borsa lavoro or work
 * experience has no national definition: it names the Ambito's local code.
 */
// v2, same data as v1, stricter classification (docs/data-classification.md): each beneficiary is a reference to a person, erased with that person.
export const supportActivatedV2 = defineEvent({
  type: 'SupportActivated',
  version: 2,
  context: 'social-services',
  emitters: ['social-services'],
  description: 'A support of the pact (educativa domiciliare, mediation, parenting, local borsa lavoro) was activated with a provider.',
  data: z
    .strictObject({
      supportId: z.uuid(),
      kind: z.enum(supportKinds),
      /** The Ambito's code for a local borsa lavoro / work experience scheme. */
      localCode: z.string().min(1).max(40).optional(),
      provider: z.strictObject({ kind: z.enum(['public', 'third-sector']), providerId: organisationId }),
      /** The convenzione or coprogettazione agreement a third-sector provider works under. */
      agreementRef: z.string().min(1).max(80).optional(),
      beneficiaries: classified(
        z
          .array(referenceToPerson)
          .min(1)
          .refine(...distinct()),
        'personal',
      ),
      startsOn: isoDate,
      endsOn: isoDate.optional(),
      hoursPerWeek: hours(40).optional(),
    })
    .refine(
      (d) => (d.kind === 'local-borsa-lavoro') === (d.localCode !== undefined),
      issue('localCode', 'local-code-for-borsa-lavoro', 'a local borsa lavoro, and only it, names its local code'),
    )
    .refine(
      (d) => d.provider.kind !== 'third-sector' || d.agreementRef !== undefined,
      issue('agreementRef', 'agreement-for-third-sector', 'a third-sector provider works under an agreement'),
    )
    .refine(...notBefore('endsOn', 'startsOn')),
  example: {
    supportId: '2c4e6a8b-0d1f-4a3b-8c5d-7e9f1a2b3c4d',
    kind: 'educativa-domiciliare',
    provider: { kind: 'third-sector', providerId: 'coop-lotta-contro-emarginazione' },
    agreementRef: 'COPROG-SSG-2025-03',
    beneficiaries: ['P-SSG-7f3a91', 'P-SSG-7f3a93'],
    startsOn: '2026-11-16',
    endsOn: '2027-06-30',
    hoursPerWeek: 6,
  },
});
