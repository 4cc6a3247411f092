import { z } from 'zod';
import { classified, isoDate, referenceToPerson } from '../common.js';
import { defineEvent } from '../define-event.js';
import { distinct } from '../rules.js';

/**
 * The employment centre took in a signed pact whose supports include a
 * tirocinio: it is to find a host among the open placements (the matching
 * query). Recorded by the CPI's policy, with an id derived from the pact's
 * event, so a redelivery records nothing twice.
 */
export const tirocinioPlacementRequestedV1 = defineEvent({
  type: 'TirocinioPlacementRequested',
  version: 1,
  context: 'employment-centre',
  emitters: ['employment-centre'],
  description: 'The employment centre took in a pact with a tirocinio among its supports: a placement is to be found.',
  data: z.strictObject({
    pactEventId: z.uuid(),
    pactId: z.uuid(),
    requestedOn: isoDate,
    members: classified(
      z
        .array(referenceToPerson)
        .min(1)
        .refine(...distinct()),
      'personal',
    ),
  }),
  example: {
    pactEventId: '7a1c3e5f-2b4d-4c6e-8f0a-1b3d5f7a9c2e',
    pactId: '5d7a9a7e-3c1e-4b53-9d0e-0b7f5e3d8c11',
    requestedOn: '2026-11-04',
    members: ['P-SSG-7f3a91'],
  },
});
