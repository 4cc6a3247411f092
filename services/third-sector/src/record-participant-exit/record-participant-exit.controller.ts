import { caseRecordCommandController } from '@traiettorie/nest-kit';
import { deliveryStream } from '../delivery/delivery.state.js';
import { recordParticipantExitDecider } from './record-participant-exit.decider.js';
import { recordParticipantExitExamples, recordParticipantExitRequest } from './record-participant-exit.request.js';

/** POST /cases/:caseId/exits (ParticipantExitRecorded). */
export const RecordParticipantExitController = caseRecordCommandController({
  tag: 'deliveries',
  stream: deliveryStream,
  decider: recordParticipantExitDecider,
  route: {
    path: 'exits',
    operationId: 'Delivery_recordExit',
    summary: 'Record that the person left a delivery, with their situation at exit (ParticipantExitRecorded)',
    description: 'Once per delivery (409 the second time; 404 for a delivery never started). The situation at exit is assessed within 4 weeks, as the ESF+ immediate results count it. Leaving a delivery is not leaving the funded operation (the programme office records that).',
    request: recordParticipantExitRequest,
    examples: recordParticipantExitExamples,
    recorded: 'The exit is recorded',
  },
  command: (caseId, request) => ({ type: 'RecordParticipantExit', caseId, ...request }),
});
