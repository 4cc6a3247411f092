import { z } from 'zod';
import { attendedHours, classified, isoDate } from '../common.js';
import { defineEvent } from '../define-event.js';
import { issue } from '../rules.js';

/** Why a tirocinio was interrupted. */
export const interruptionReasons = ['participant-withdrew', 'host-withdrew', 'found-other-work', 'benefit-ended', 'other'] as const;

/** A tirocinio ended: completed, interrupted (with the reason) or with the person hired by the host. */
export const tirocinioEndedV1 = defineEvent({
  type: 'TirocinioEnded',
  version: 1,
  context: 'employment-centre',
  emitters: ['employment-centre'],
  description: 'A tirocinio ended: completed, interrupted (and why), or hired by the host; with the hours attended.',
  data: z
    .strictObject({
      tirocinioId: z.uuid(),
      endedOn: isoDate,
      outcome: classified(z.enum(['completed', 'interrupted', 'hired']), 'personal'),
      interruption: classified(z.enum(interruptionReasons), 'personal').optional(),
      hoursAttended: attendedHours(4200),
    })
    .refine(
      (d) => (d.outcome === 'interrupted') === (d.interruption !== undefined),
      issue('interruption', 'only-when-interrupted', 'an interrupted tirocinio, and only it, says why'),
    ),
  example: {
    tirocinioId: '4f6a8c0e-2b4d-4f6a-9c1e-3d5f7a9b1c2e',
    endedOn: '2027-08-31',
    outcome: 'hired',
    hoursAttended: 610,
  },
});
