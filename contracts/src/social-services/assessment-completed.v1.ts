import { z } from 'zod';
import { classified } from '../common.js';
import { defineEvent } from '../define-event.js';

/** Need dimensions of the quadro di analisi (multidimensional assessment). */
export const needDimensions = ['work', 'income', 'housing', 'health', 'education', 'family', 'social-network'] as const;

/** Services a person can be referred to as the assessment's outcome. */
export const referralTargets = ['employment-centre', 'health-services', 'third-sector'] as const;

/** The assessment (analisi preliminare or quadro di analisi) is complete. Special category: scores reveal health. */
export const assessmentCompletedV1 = defineEvent({
  type: 'AssessmentCompleted',
  version: 1,
  context: 'social-services',
  emitters: ['social-services'],
  description: 'The multidimensional assessment of the household is complete; no narrative, scores only.',
  data: z.strictObject({
    assessmentKind: z.enum(['preliminary', 'multidimensional']),
    completedOn: z.iso.date(),
    dimensionScores: classified(
      z.partialRecord(z.enum(needDimensions), z.int().min(0).max(4)).refine((scores) => Object.keys(scores).length > 0, {
        message: 'at least one dimension must be scored',
        params: { rule: 'non-empty' },
      }),
      'special-category',
    ),
    referrals: z.array(z.enum(referralTargets)).max(referralTargets.length),
    documentRef: z.string().min(1).max(200),
  }),
  example: {
    assessmentKind: 'multidimensional',
    completedOn: '2026-10-20',
    dimensionScores: { work: 3, income: 3, housing: 1, health: 2 },
    referrals: ['employment-centre'],
    documentRef: 'protocollo/2026/000871',
  },
});
