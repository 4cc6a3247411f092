import { z } from 'zod';
import { classified, isoDate, organisationId, personRef } from '../common.js';
import { defineEvent } from '../define-event.js';
import { notBefore } from '../rules.js';

/** The areas of a Progetto Utile alla Collettività (DM 22 October 2019). */
export const pucAreas = ['cultural', 'social', 'artistic', 'environmental', 'training', 'common-goods'] as const;

/** A household member was assigned to a PUC of the Comune: 8 to 16 hours a week. */
export const pucAssignedV1 = defineEvent({
  type: 'PUCAssigned',
  version: 1,
  context: 'social-services',
  emitters: ['social-services'],
  description: 'A household member was assigned to a Progetto Utile alla Collettività (PUC), 8 to 16 hours a week.',
  data: z
    .strictObject({
      pucProjectCode: z.string().min(1).max(60),
      area: z.enum(pucAreas),
      hostId: organisationId,
      memberRef: classified(personRef, 'personal'),
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
