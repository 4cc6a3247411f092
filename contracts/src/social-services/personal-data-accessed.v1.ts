import { z } from 'zod';
import { agencyKinds, classified, organisationId } from '../common.js';
import { defineEvent } from '../define-event.js';
import { distinct, issue } from '../rules.js';

/** Who may read through the hub: an agency kind, the programme's funder reader or the auditor. */
export const readerKinds = [...agencyKinds, 'funder', 'auditor'] as const;

/** What a read returned: everything asked, part of it with classified fields withheld, or nothing. */
export const accessOutcomes = ['disclosed', 'redacted', 'refused'] as const;

/**
 * A classified field a read returned or withheld: the event type (or read
 * model) it belongs to and the field's JSONPath, as the contracts' classification
 * names it: `SpecialistServiceInvolved:$.serviceCategory`, `CaseSummary:$.status`.
 */
export const accessedField = z
  .string()
  .max(200)
  .regex(/^[A-Za-z][A-Za-z0-9]*:\$.*$/, '<EventType or read model>:<JSONPath>');

/**
 * Every read of a person's data through the hub, itself recorded (issue 10,
 * ADR 12): who read (client, agency, operator from the AgID tracking
 * evidence), for which PDND purpose, through which route, which classified
 * fields were disclosed or withheld, and the outcome. The envelope carries
 * the case (`subject`), the read person (`personref`), the Ambito and the
 * instant (`time`). The hub keeps it on behalf of the case's social services,
 * the Ambito that holds the case, whoever the reader was.
 */
export const personalDataAccessedV1 = defineEvent({
  type: 'PersonalDataAccessed',
  version: 1,
  context: 'social-services',
  emitters: ['social-services'],
  description:
    'A client of the hub read (or was refused) a person’s data: reader, operator, purpose, route, the classified fields disclosed or withheld, and the outcome.',
  data: z
    .strictObject({
      /** The registered client, from the PDND voucher's `client_id`. */
      reader: z.strictObject({
        clientId: z.string().min(1).max(120),
        kind: z.enum(readerKinds),
        agencyId: organisationId,
      }),
      /**
       * The person at the keyboard, from `Agid-JWT-TrackingEvidence` (AgID
       * Audit REST 02). Their id and place are the operator's personal data;
       * sealed under the read person's key like every classified field, they
       * are erased with that person, while `voucherId` keeps the link to the
       * client's own audit trail. Absent when a read was refused for lack of it.
       */
      operator: z
        .strictObject({
          userID: classified(z.string().min(1).max(120), 'personal'),
          userLocation: classified(z.string().min(1).max(200), 'personal'),
          /** The level of assurance of the operator's authentication, e.g. `SpidL2`, `LoA3`. */
          LoA: z.string().min(1).max(40),
        })
        .optional(),
      /** The PDND purpose (`purposeId`) the voucher was issued for: why the data was read. */
      purposeId: z.string().min(1).max(120),
      /** The voucher's `jti`: bound to the tracking evidence, it finds the operator in the client's own records. */
      voucherId: z.string().min(1).max(200),
      /** The route as declared, never with its values: `GET /cases/{caseId}/events`. */
      route: z
        .string()
        .max(200)
        .regex(/^(GET|HEAD|POST) \/[A-Za-z0-9/{}._-]*$/, '<METHOD> <route template>'),
      /**
       * Which classified fields the reader received, and which were withheld
       * (no consent, not for its kind). Special-category: that a health or
       * SerD field exists for the person is itself health information.
       */
      disclosed: classified(z.array(accessedField).max(500).refine(...distinct()), 'special-category'),
      redacted: classified(z.array(accessedField).max(500).refine(...distinct()), 'special-category'),
      /** `redacted` says that something was withheld, hence that it exists: personal. */
      outcome: classified(z.enum(accessOutcomes), 'personal'),
    })
    .refine(
      (d) => d.outcome !== 'refused' || d.disclosed.length === 0,
      issue('disclosed', 'nothing-when-refused', 'a refused read discloses nothing'),
    )
    .refine(
      (d) => (d.outcome === 'redacted') === d.redacted.length > 0,
      issue('redacted', 'redacted-when-withheld', 'the outcome is redacted exactly when some field was withheld'),
    ),
  example: {
    reader: { clientId: 'ss-sesto', kind: 'social-services', agencyId: 'ambito-sesto-san-giovanni' },
    operator: { userID: 'op-sesto-017', userLocation: 'sesto-san-giovanni/segretariato-sociale/pc-04', LoA: 'SpidL2' },
    purposeId: '6a0f1c3e-1b2d-4c5e-8f90-a1b2c3d4e501',
    voucherId: 'c1f4e2a9-7d3b-4e8f-9a06-5b2c1d0e3f47',
    route: 'GET /cases/{caseId}/events',
    disclosed: ['AssessmentCompleted:$.dimensionScores', 'PactSigned:$.boundMembers', 'PactSigned:$.objectives[*].description'],
    redacted: ['SpecialistServiceInvolved:$.serviceCategory', 'SpecialistServiceInvolved:$.involvement'],
    outcome: 'redacted',
  },
});
