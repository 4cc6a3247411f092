import { participantLeftOperationV1 } from '@traiettorie/contracts';
import type { z } from 'zod';

/** POST /participations/:caseId/exit: the ParticipantLeftOperation data as the contract defines it. */
export const leaveOperationRequest = participantLeftOperationV1.data;

/** Each example succeeds when sent as it is, once per participation enrolled with the enrolment example. */
export const leaveOperationExamples = {
  completed: { summary: 'The person completed the operation', value: participantLeftOperationV1.example satisfies z.input<typeof leaveOperationRequest> },
};
