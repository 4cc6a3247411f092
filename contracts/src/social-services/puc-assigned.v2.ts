import { z } from 'zod';
import { isoDate, organisationId, referenceToPerson } from '../common.js';
import { defineEvent } from '../define-event.js';
import { notBefore } from '../rules.js';
import { pucAreas } from './puc-assigned.v1.js';

/** A household member was assigned to a PUC of the Comune: 8 to 16 hours a week. */
// v2, same data as v1, stricter classification (docs/data-classification.md): memberRef is a reference to a person, erased with that person.
export const pucAssignedV2 = defineEvent({
  type: 'PUCAssigned',
  version: 2,
  context: 'social-services',
  emitters: ['social-services'],
  description: 'A household member was assigned to a Progetto Utile alla Collettività (PUC), 8 to 16 hours a week.',
  data: z
    .strictObject({
      pucProjectCode: z.string().min(1).max(60),
      area: z.enum(pucAreas),
      hostId: organisationId,
      memberRef: referenceToPerson,
      assignedOn: isoDate,
      startsOn: isoDate,
      endsOn: isoDate,
      hoursPerWeek: z.number().min(8).max(16).multipleOf(0.25),
    })
    .refine(...notBefore('startsOn', 'assignedOn'))
    .refine(...notBefore('endsOn', 'startsOn')),
  example: {
    pucProjectCode: 'PUC-COLOGNO-2026-07',
    area: 'environmental',
    hostId: 'comune-cologno-monzese',
    memberRef: 'P-SSG-7f3a91',
    assignedOn: '2026-11-20',
    startsOn: '2026-12-01',
    endsOn: '2027-05-31',
    hoursPerWeek: 8,
  },
});
