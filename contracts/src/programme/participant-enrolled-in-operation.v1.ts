import { z } from 'zod';
import { classified, cup, isoDate, projectCode } from '../common.js';
import { defineEvent } from '../define-event.js';
import { iscedLevel, labourStatuses } from '../vocabulary.js';

export const genders = ['female', 'male', 'non-binary'] as const;

/** Age bands of the ESF+ output indicators (EECO06-EECO08). */
export const ageBands = ['under-18', '18-29', '30-54', '55-plus'] as const;

/** A self-declared sensitive characteristic: the person may decline to answer. */
const selfDeclared = z.enum(['yes', 'no', 'not-disclosed']);

/**
 * The person entered a funded operation: the ESF+ participant data at entry.
 * Disability and minority are special category and self-declared.
 */
export const participantEnrolledInOperationV1 = defineEvent({
  type: 'ParticipantEnrolledInOperation',
  version: 1,
  context: 'programme',
  emitters: ['programme'],
  description: 'The person entered a funded operation (project code, CUP) with the ESF+ common output data at entry.',
  data: z.strictObject({
    projectCode,
    cup,
    entryDate: isoDate,
    gender: classified(z.enum(genders), 'personal'),
    ageBand: classified(z.enum(ageBands), 'personal'),
    labourStatus: classified(z.enum(labourStatuses), 'personal'),
    iscedLevel: classified(iscedLevel, 'personal'),
    thirdCountryNational: classified(z.boolean(), 'personal'),
    foreignBackground: classified(z.boolean(), 'personal'),
    homelessOrHousingExclusion: classified(z.boolean(), 'personal'),
    ruralArea: classified(z.boolean(), 'personal'),
    disability: classified(selfDeclared, 'special-category'),
    minority: classified(selfDeclared, 'special-category'),
  }),
  example: {
    projectCode: 'AV3-2016-LOM-79',
    cup: 'J41B16000290006',
    entryDate: '2018-03-12',
    gender: 'female',
    ageBand: '30-54',
    labourStatus: 'long-term-unemployed',
    iscedLevel: 2,
    thirdCountryNational: true,
    foreignBackground: true,
    homelessOrHousingExclusion: false,
    ruralArea: false,
    disability: 'no',
    minority: 'not-disclosed',
  },
});
