import { z } from 'zod';
import { classified, documentRef, isoDate } from '../common.js';
import { defineEvent } from '../define-event.js';
import { distinct } from '../rules.js';
import { needDimensions } from './assessment-completed.v1.js';
import { preliminaryOutcomes } from './preliminary-analysis-completed.v1.js';

/**
 * The analisi preliminare is done. Special category by inference: a referral
 * to specialist services, or a need in the health dimension, reveals health.
 */
// v2, same data as v1, stricter classification (docs/data-classification.md): documentRef (a document about the household) is personal.
export const preliminaryAnalysisCompletedV2 = defineEvent({
  type: 'PreliminaryAnalysisCompleted',
  version: 2,
  context: 'social-services',
  emitters: ['social-services'],
  description: 'The pre-assessment is done: simple needs (PaIS by the social service), a full quadro, or a referral.',
  data: z.strictObject({
    completedOn: isoDate,
    outcome: classified(z.enum(preliminaryOutcomes), 'special-category'),
    needDimensions: classified(
      z
        .array(z.enum(needDimensions))
        .min(1)
        .refine(...distinct()),
      'special-category',
    ),
    documentRef: classified(documentRef, 'personal'),
  }),
  example: {
    completedOn: '2026-10-16',
    outcome: 'quadro-required',
    needDimensions: ['work', 'income', 'housing'],
    documentRef: 'protocollo/2026/000802',
  },
});
