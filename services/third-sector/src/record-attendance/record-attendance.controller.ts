import { caseRecordCommandController, sourceOfCaller } from '@traiettorie/nest-kit';
import { deliveryStream } from '../delivery/delivery.state.js';
import { recordAttendanceDecider } from './record-attendance.decider.js';
import { recordAttendanceExamples, recordAttendanceRequest } from './record-attendance.request.js';

/** POST /cases/:caseId/attendance (AttendanceRecorded). */
export const RecordAttendanceController = caseRecordCommandController({
  tag: 'deliveries',
  stream: deliveryStream,
  decider: recordAttendanceDecider,
  route: {
    path: 'attendance',
    operationId: 'Delivery_recordAttendance',
    summary: 'Record the hours scheduled and attended in a delivery over a period (AttendanceRecorded)',
    description: 'Hours per period of at most 31 days, from the delivery start. Only by the delivery’s provider (403 `provider-not-yours` for another partner). Refused with 404 for a delivery never started, with 409 once the person left it or for a period overlapping one already recorded.',
    request: recordAttendanceRequest,
    examples: recordAttendanceExamples,
    recorded: 'The attendance is recorded',
  },
  // Who records it is the caller's agency: a partner records deliveries only as their provider.
  command: (caseId, request, caller) => ({ type: 'RecordAttendance', caseId, ...request, recordedBy: sourceOfCaller(caller) }),
});
