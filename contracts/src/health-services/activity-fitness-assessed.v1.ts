import { z } from 'zod';
import { classified, hours, isoDate } from '../common.js';
import { defineEvent } from '../define-event.js';
import { distinct, issue, notBefore } from '../rules.js';

/** Activities a fitness statement covers. */
export const fitnessActivities = ['work', 'training', 'tirocinio', 'puc'] as const;

/** Adjustments a person needs; practical limits only, never the condition behind them. */
export const fitnessAdjustments = ['reduced-hours', 'no-night-work', 'no-heavy-lifting', 'no-driving', 'supported-setting'] as const;

/**
 * A health service states whether the person can take part in activation
 * activities. Special category. Never a diagnosis: the schema has no field
 * that could hold one, and unknown fields are refused.
 */
export const activityFitnessAssessedV1 = defineEvent({
  type: 'ActivityFitnessAssessed',
  version: 1,
  context: 'health-services',
  emitters: ['health-services'],
  description: 'A health service stated fitness for activation (fit, with adjustments, temporarily not) until a date; no diagnosis.',
  data: z
    .strictObject({
      assessedOn: isoDate,
      activities: z
        .array(z.enum(fitnessActivities))
        .min(1)
        .refine(...distinct()),
      fitness: classified(z.enum(['fit', 'fit-with-adjustments', 'temporarily-not-fit']), 'special-category'),
      adjustments: classified(
        z
          .array(z.enum(fitnessAdjustments))
          .refine(...distinct()),
        'special-category',
      ),
      maxWeeklyHours: classified(hours(40), 'special-category').optional(),
      validUntil: isoDate,
    })
    .refine(
      (d) => (d.fitness === 'fit-with-adjustments') === (d.adjustments.length > 0),
      issue('adjustments', 'only-with-adjustments', 'adjustments are listed when, and only when, the person is fit with adjustments'),
    )
    .refine(
      (d) => d.maxWeeklyHours === undefined || d.adjustments.includes('reduced-hours'),
      issue('maxWeeklyHours', 'only-with-reduced-hours', 'a weekly-hours limit comes with the reduced-hours adjustment'),
    )
    .refine(...notBefore('validUntil', 'assessedOn')),
  example: {
    assessedOn: '2026-10-27',
    activities: ['tirocinio', 'training'],
    fitness: 'fit-with-adjustments',
    adjustments: ['reduced-hours', 'no-night-work'],
    maxWeeklyHours: 25,
    validUntil: '2027-04-27',
  },
});
