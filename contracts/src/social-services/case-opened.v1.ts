import { z } from 'zod';
import { classified, householdRef, isoDate } from '../common.js';
import { defineEvent } from '../define-event.js';

/** The social service opened a case for a household (presa in carico starts). */
export const caseOpenedV1 = defineEvent({
  type: 'CaseOpened',
  version: 1,
  context: 'social-services',
  emitters: ['social-services'],
  description: 'A case was opened for a person referred to the social service.',
  data: z.strictObject({
    householdRef: classified(householdRef, 'personal'),
    measure: z.enum(['ADI', 'SFL', 'RdC', 'REI', 'LOCAL']),
    referralDate: isoDate,
    caseManager: classified(z.string().min(1).max(120), 'personal'),
  }),
  example: {
    householdRef: 'H-SSG-2026-0042',
    measure: 'ADI',
    referralDate: '2026-10-02',
    caseManager: 'op-sesto-017',
  },
});
