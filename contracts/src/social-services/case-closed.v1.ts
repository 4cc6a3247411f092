import { z } from 'zod';
import { ambitoCode, classified, isoDate } from '../common.js';
import { defineEvent } from '../define-event.js';
import { issue } from '../rules.js';

/** Why a case ends. */
export const closureReasons = ['goals-met', 'employed', 'benefit-lost', 'benefit-ended', 'moved', 'drop-out'] as const;

/** The social service closed the case; a household that moved names the Ambito it moved to, when known. */
export const caseClosedV1 = defineEvent({
  type: 'CaseClosed',
  version: 1,
  context: 'social-services',
  emitters: ['social-services'],
  description: 'The case was closed: goals met, employed, benefit lost or ended, moved, or drop-out.',
  data: z
    .strictObject({
      closedOn: isoDate,
      reason: classified(z.enum(closureReasons), 'personal'),
      movedToAmbito: ambitoCode.optional(),
    })
    .refine(
      (d) => d.movedToAmbito === undefined || d.reason === 'moved',
      issue('movedToAmbito', 'only-when-moved', 'only a household that moved names the Ambito it moved to'),
    ),
  example: {
    closedOn: '2027-09-30',
    reason: 'employed',
  },
});
