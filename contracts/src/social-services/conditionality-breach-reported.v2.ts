import { z } from 'zod';
import { classified, isoDate, referenceToPerson } from '../common.js';
import { defineEvent } from '../define-event.js';
import { notBefore } from '../rules.js';
import { breachKinds } from './conditionality-breach-reported.v1.js';

/** A household member broke a condition of the measure and the social service reported it to INPS. */
// v2, same data as v1, stricter classification (docs/data-classification.md): memberRef is a reference to a person, erased with that person.
export const conditionalityBreachReportedV2 = defineEvent({
  type: 'ConditionalityBreachReported',
  version: 2,
  context: 'social-services',
  emitters: ['social-services'],
  description: "A breach of the measure's conditions by a household member was reported to INPS.",
  data: z
    .strictObject({
      memberRef: referenceToPerson,
      breach: classified(z.enum(breachKinds), 'personal'),
      breachOn: isoDate,
      reportedOn: isoDate,
      reportedTo: z.literal('INPS'),
      /** The event that shows the breach, e.g. a FirstAppointmentHeld with an unjustified absence. */
      evidenceEventId: z.uuid().optional(),
    })
    .refine(...notBefore('reportedOn', 'breachOn')),
  example: {
    memberRef: 'P-SSG-7f3a91',
    breach: 'puc-not-attended',
    breachOn: '2027-03-08',
    reportedOn: '2027-03-10',
    reportedTo: 'INPS',
    evidenceEventId: '8e2b6f0c-1a3d-4c5e-9f70-2b4d6e8f0a13',
  },
});
