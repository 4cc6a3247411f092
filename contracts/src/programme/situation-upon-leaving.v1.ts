import { z } from 'zod';
import { classified, cup, isoDate, projectCode } from '../common.js';
import { defineEvent } from '../define-event.js';
import { distinct, issue, withinDays } from '../rules.js';
import { exitSituations } from '../third-sector/participant-exit-recorded.v1.js';

/**
 * The person's situation upon leaving the funded operation, as the ESF+
 * immediate result indicators count it (EECR01 job searching, EECR02 in
 * education or training, EECR03 gaining a qualification, EECR04 in
 * employment). It may be recorded more than once within the four weeks after
 * leaving; the last one in the window is what ESF+ counts.
 */
export const situationUponLeavingV1 = defineEvent({
  type: 'SituationUponLeaving',
  version: 1,
  context: 'programme',
  emitters: ['programme'],
  description: 'The situation upon leaving the funded operation (EECR01-04), dated within four weeks of leaving; the last one counts.',
  data: z
    .strictObject({
      projectCode,
      cup,
      leftOn: isoDate,
      assessedOn: isoDate,
      situation: classified(
        z
          .array(z.enum(exitSituations))
          .min(1)
          .refine(...distinct())
          .refine((s) => !s.includes('none') || s.length === 1, issue(undefined, 'none-alone', '"none" excludes every other situation'))
          .refine(
            (s) => !(s.includes('job-searching') && s.includes('employed')),
            issue(undefined, 'searching-or-employed', 'job searching and employed exclude each other'),
          ),
        'personal',
      ),
    })
    .refine(...withinDays('assessedOn', 'leftOn', 28)),
  example: {
    projectCode: 'AV3-2016-LOM-79',
    cup: 'J41B16000290006',
    leftOn: '2019-06-28',
    assessedOn: '2019-07-10',
    situation: ['employed'],
  },
});
