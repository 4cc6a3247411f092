import { z } from 'zod';
import { cup, euroCents, isoDate, projectCode } from '../common.js';
import { defineEvent } from '../define-event.js';
import { issue } from '../rules.js';

/**
 * A funded operation closed. Amounts are integer euro cents. Concerns no
 * person: the envelope's subject is the operation's stream id and its
 * personref an `anon:` reference.
 */
export const operationClosedV1 = defineEvent({
  type: 'OperationClosed',
  version: 1,
  context: 'programme',
  emitters: ['programme'],
  description: 'A funded operation closed: outcome, participants reached, approved and eligible cost in integer euro cents.',
  data: z
    .strictObject({
      projectCode,
      cup,
      closedOn: isoDate,
      outcome: z.enum(['completed', 'partially-completed', 'revoked']),
      participantsReached: z.int().min(0).max(1_000_000),
      approvedCostCents: euroCents,
      eligibleCostCents: euroCents,
    })
    .refine(
      (d) => d.eligibleCostCents <= d.approvedCostCents,
      issue('eligibleCostCents', 'within-approved-cost', 'eligible cost cannot exceed the approved cost'),
    ),
  example: {
    projectCode: 'AV3-2016-LOM-79',
    cup: 'J41B16000290006',
    closedOn: '2019-12-31',
    outcome: 'completed',
    participantsReached: 402,
    approvedCostCents: 22_742_400,
    eligibleCostCents: 22_608_115,
  },
});
