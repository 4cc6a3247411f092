import { participantExitRecordedV1 } from '@traiettorie/contracts';
import { caseIdentityRequest } from '@traiettorie/nest-kit';
import type { z } from 'zod';

/** POST /cases/:caseId/exits: the ParticipantExitRecorded data. */
export const recordParticipantExitRequest = participantExitRecordedV1.data.extend(caseIdentityRequest);

export const recordParticipantExitExamples = {
  completed: {
    summary: 'The person completed the service and is looking for work (send it after the delivery started)',
    value: participantExitRecordedV1.example satisfies z.input<typeof recordParticipantExitRequest>,
  },
};
