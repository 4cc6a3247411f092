import { z } from 'zod';
import { classified, isoDate } from '../common.js';
import { defineEvent } from '../define-event.js';
import { issue } from '../rules.js';
import { iscedLevel, labourStatuses } from '../vocabulary.js';

/** The intensity of help the quantitative profiling assigns. */
export const profileClasses = ['low', 'medium', 'high', 'very-high'] as const;

const unemployed: readonly string[] = ['unemployed', 'long-term-unemployed'];

/**
 * The CPI profiled the person. Months unemployed are given for the unemployed
 * only; long-term means at least 6 months (under 25) or 12 (25 and over).
 */
export const profilingCompletedV1 = defineEvent({
  type: 'ProfilingCompleted',
  version: 1,
  context: 'employment-centre',
  emitters: ['employment-centre'],
  description: 'The employment centre profiled the person: labour status, months unemployed, ISCED level, profile class.',
  data: z
    .strictObject({
      profiledOn: isoDate,
      labourStatus: classified(z.enum(labourStatuses), 'personal'),
      monthsUnemployed: z.int().min(0).max(600).optional(),
      iscedLevel: classified(iscedLevel, 'personal'),
      profileClass: classified(z.enum(profileClasses), 'personal'),
    })
    .refine(
      (d) => unemployed.includes(d.labourStatus) === (d.monthsUnemployed !== undefined),
      issue('monthsUnemployed', 'only-when-unemployed', 'months unemployed are given for, and only for, the unemployed'),
    )
    .refine(
      (d) => d.labourStatus !== 'long-term-unemployed' || (d.monthsUnemployed ?? 0) >= 6,
      issue('monthsUnemployed', 'long-term:min-6', 'long-term unemployment lasts at least 6 months'),
    ),
  example: {
    profiledOn: '2026-11-05',
    labourStatus: 'long-term-unemployed',
    monthsUnemployed: 30,
    iscedLevel: 2,
    profileClass: 'high',
  },
});
