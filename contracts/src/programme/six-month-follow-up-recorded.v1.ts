import { z } from 'zod';
import { classified, cup, isoDate, projectCode } from '../common.js';
import { defineEvent } from '../define-event.js';
import { monthsApart } from '../rules.js';

/** The longer-term result six months after leaving (ESF+ EECR05-style: employed or in an improved situation). */
export const followUpSituations = ['employed', 'self-employed', 'improved-situation', 'no-improvement', 'unreachable'] as const;

/** The person's situation six months after leaving a funded operation, recorded 6 to 12 months after the exit. */
export const sixMonthFollowUpRecordedV1 = defineEvent({
  type: 'SixMonthFollowUpRecorded',
  version: 1,
  context: 'programme',
  emitters: ['programme'],
  description: "The person's situation six months after leaving a funded operation (longer-term result).",
  data: z
    .strictObject({
      projectCode,
      cup,
      exitDate: isoDate,
      followUpOn: isoDate,
      situation: classified(z.enum(followUpSituations), 'personal'),
    })
    .refine(...monthsApart('followUpOn', 'exitDate', 6, 'at-least'))
    .refine(...monthsApart('followUpOn', 'exitDate', 12, 'at-most')),
  example: {
    projectCode: 'AV3-2016-LOM-79',
    cup: 'J41B16000290006',
    exitDate: '2019-06-28',
    followUpOn: '2020-01-15',
    situation: 'employed',
  },
});
