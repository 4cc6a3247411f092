import { caseRecordCommandController, sourceOfCaller } from '@traiettorie/nest-kit';
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
    description: 'Once per delivery, by its provider (409 the second time; 404 for a delivery never started; 403 `provider-not-yours` for another partner). The situation at exit is assessed within 4 weeks, as the ESF+ immediate results count it. Leaving a delivery is not leaving the funded operation (the programme office records that).',
    request: recordParticipantExitRequest,
    examples: recordParticipantExitExamples,
    recorded: 'The exit is recorded',
  },
  // Who records it is the caller's agency: a partner records deliveries only as their provider.
  command: (caseId, request, caller) => ({ type: 'RecordParticipantExit', caseId, ...request, recordedBy: sourceOfCaller(caller) }),
});
