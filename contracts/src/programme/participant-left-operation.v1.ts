import { z } from 'zod';
import { classified, cup, isoDate, projectCode } from '../common.js';
import { defineEvent } from '../define-event.js';

/** Why a participant left a funded operation. */
export const leavingReasons = ['completed', 'found-employment', 'moved', 'dropped-out', 'other'] as const;

/**
 * The person left the funded operation (ESF+: the "leaver" whose immediate
 * results are counted within four weeks). Leaving a third-sector service
 * (ParticipantExitRecorded) is not leaving the operation: both are kept.
 */
export const participantLeftOperationV1 = defineEvent({
  type: 'ParticipantLeftOperation',
  version: 1,
  context: 'programme',
  emitters: ['programme'],
  description: 'The person left the funded operation (date, reason); their situation upon leaving is recorded within four weeks.',
  data: z.strictObject({
    projectCode,
    cup,
    leftOn: isoDate,
    reason: classified(z.enum(leavingReasons), 'personal'),
  }),
  example: {
    projectCode: 'AV3-2016-LOM-79',
    cup: 'J41B16000290006',
    leftOn: '2019-06-28',
    reason: 'completed',
  },
});
