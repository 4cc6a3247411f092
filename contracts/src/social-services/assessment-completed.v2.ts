import { z } from 'zod';
import { classified, documentRef } from '../common.js';
import { defineEvent } from '../define-event.js';
import { needDimensions, referralTargets } from './assessment-completed.v1.js';

/** The assessment (analisi preliminare or quadro di analisi) is complete. Special category: scores reveal health. */
// v2, same data as v1, stricter classification (docs/data-classification.md): documentRef (a document about the household) is personal.
export const assessmentCompletedV2 = defineEvent({
  type: 'AssessmentCompleted',
  version: 2,
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
    documentRef: classified(documentRef, 'personal'),
  }),
  example: {
    assessmentKind: 'multidimensional',
    completedOn: '2026-10-20',
    dimensionScores: { work: 3, income: 3, housing: 1, health: 2 },
    referrals: ['employment-centre'],
    documentRef: 'protocollo/2026/000871',
  },
});
