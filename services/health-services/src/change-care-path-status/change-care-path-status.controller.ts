import { caseRecordCommandController } from '@traiettorie/nest-kit';
import { healthStream } from '../health-record/health-record.state.js';
import { changeCarePathStatusDecider } from './change-care-path-status.decider.js';
import { changeCarePathStatusExamples, changeCarePathStatusRequest } from './change-care-path-status.request.js';

/** POST /cases/:caseId/care-path-status (CarePathStatusChanged). */
export const ChangeCarePathStatusController = caseRecordCommandController({
  tag: 'health records',
  stream: healthStream,
  decider: changeCarePathStatusDecider,
  route: {
    path: 'care-path-status',
    operationId: 'Health_changeCarePathStatus',
    summary: "Record a change of the person's care path status (CarePathStatusChanged)",
    description:
      'Status from a closed list and whether it exempts the person from activation; no diagnosis, no service. Shared under the consent it names, ' +
      'which must cover `care-path-status` on `changedOn` (404 if never recorded, 409 if withdrawn or out of force). Refused with 409 before an involvement.',
    request: changeCarePathStatusRequest,
    examples: changeCarePathStatusExamples,
    recorded: 'The care path status is recorded',
  },
  command: (caseId, request) => ({ type: 'ChangeCarePathStatus', caseId, ...request }),
});
