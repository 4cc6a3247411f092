import { z } from 'zod';
import { cup, euroCents, isoDate, projectCode } from '../common.js';
import { defineEvent } from '../define-event.js';
import { issue, notBefore } from '../rules.js';

export const costCategories = [
  'staff',
  'participant-allowances',
  'services',
  'travel',
  'equipment',
  'indirect-flat-rate',
  'other',
] as const;

/** Who pays: the EU fund, the national co-financing, the regional co-financing. */
export const fundingSources = ['EU', 'national', 'regional'] as const;

const line = z.strictObject({
  costCategory: z.enum(costCategories),
  fundingSource: z.enum(fundingSources),
  amountCents: euroCents.min(1),
});

/**
 * The programme office declared expenditure of an operation for a period.
 * Amounts are integer euro cents; the lines add up to the total exactly.
 * Concerns no person: the envelope's subject is the operation's stream id and
 * its personref an `anon:` reference.
 */
export const expenditureDeclaredV1 = defineEvent({
  type: 'ExpenditureDeclared',
  version: 1,
  context: 'programme',
  emitters: ['programme'],
  description: 'Expenditure of an operation declared for a period, by cost category and funding source, in integer euro cents.',
  data: z
    .strictObject({
      declarationId: z.string().min(1).max(64),
      projectCode,
      cup,
      declaredOn: isoDate,
      periodFrom: isoDate,
      periodTo: isoDate,
      lines: z
        .array(line)
        .min(1)
        .refine(
          (lines) => new Set(lines.map((l) => `${l.costCategory}/${l.fundingSource}`)).size === lines.length,
          issue(undefined, 'unique', 'one line per cost category and funding source'),
        ),
      totalCents: euroCents.min(1),
    })
    .refine(...notBefore('periodTo', 'periodFrom'))
    .refine(...notBefore('declaredOn', 'periodTo'))
    .refine(
      (d) => d.lines.reduce((sum, l) => sum + l.amountCents, 0) === d.totalCents,
      issue('totalCents', 'sum-of-lines', 'the total is the sum of the lines'),
    ),
  example: {
    declarationId: 'DDR-AV3-2016-LOM-79-04',
    projectCode: 'AV3-2016-LOM-79',
    cup: 'J41B16000290006',
    declaredOn: '2019-01-31',
    periodFrom: '2018-07-01',
    periodTo: '2018-12-31',
    lines: [
      { costCategory: 'staff', fundingSource: 'EU', amountCents: 3_412_500 },
      { costCategory: 'staff', fundingSource: 'national', amountCents: 1_137_500 },
      { costCategory: 'participant-allowances', fundingSource: 'EU', amountCents: 1_800_000 },
      { costCategory: 'participant-allowances', fundingSource: 'national', amountCents: 600_000 },
    ],
    totalCents: 6_950_000,
  },
});
