import { z } from 'zod';
import { classified, isoDate, operatorRef } from '../common.js';
import { defineEvent } from '../define-event.js';

/** Presa in carico: the social service takes the household in charge and names its case manager. */
export const caseTakenInChargeV1 = defineEvent({
  type: 'CaseTakenInCharge',
  version: 1,
  context: 'social-services',
  emitters: ['social-services'],
  description: 'The social service took the household in charge (presa in carico) and named its case manager.',
  data: z.strictObject({
    takenInChargeOn: isoDate,
    caseManager: classified(operatorRef, 'personal'),
  }),
  example: {
    takenInChargeOn: '2026-10-02',
    caseManager: 'op-sesto-017',
  },
});
