import { z } from 'zod';
import { classified, hours, isoDate } from '../common.js';
import { defineEvent } from '../define-event.js';
import { issue, notBefore } from '../rules.js';
import { contractTypes } from '../vocabulary.js';

const endRequired: readonly string[] = ['fixed-term', 'seasonal'];
const endForbidden: readonly string[] = ['permanent', 'apprenticeship'];

/**
 * The person started work. The employer is classified, since where a person
 * works identifies them; hours are weekly, at most 48 (working-time directive).
 */
export const employmentStartedV1 = defineEvent({
  type: 'EmploymentStarted',
  version: 1,
  context: 'employment-centre',
  emitters: ['employment-centre'],
  description: 'The person started work: contract type, start (and end) date, weekly hours, employer.',
  data: z
    .strictObject({
      startsOn: isoDate,
      endsOn: isoDate.optional(),
      contractType: z.enum(contractTypes),
      workingTime: z.enum(['full-time', 'part-time']),
      weeklyHours: hours(48),
      employerRef: classified(z.string().min(1).max(64), 'personal'),
      /** The comunicazione obbligatoria (UNILAV) that notified the hiring. */
      unilavRef: classified(z.string().min(1).max(64), 'personal').optional(),
    })
    .refine(...notBefore('endsOn', 'startsOn'))
    .refine(
      (d) => !endRequired.includes(d.contractType) || d.endsOn !== undefined,
      issue('endsOn', 'end-for-fixed-term', 'a fixed-term or seasonal contract has an end date'),
    )
    .refine(
      (d) => !endForbidden.includes(d.contractType) || d.endsOn === undefined,
      issue('endsOn', 'no-end-for-permanent', 'a permanent contract or an apprenticeship has no end date'),
    ),
  example: {
    startsOn: '2027-09-15',
    endsOn: '2028-09-14',
    contractType: 'fixed-term',
    workingTime: 'part-time',
    weeklyHours: 30,
    employerRef: 'logistica-brianza-srl',
    unilavRef: 'UNILAV-2027-LOM-5532190',
  },
});
