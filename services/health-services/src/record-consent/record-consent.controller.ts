import { caseRecordCommandController } from '@traiettorie/nest-kit';
import { healthStream } from '../health-record/health-record.state.js';
import { recordConsentDecider } from './record-consent.decider.js';
import { recordConsentExamples, recordConsentRequest } from './record-consent.request.js';

/** POST /cases/:caseId/consents (ConsentRecorded). */
export const RecordConsentController = caseRecordCommandController({
  tag: 'health records',
  stream: healthStream,
  decider: recordConsentDecider,
  route: {
    path: 'consents',
    operationId: 'Health_recordConsent',
    summary: "Record the person's consent to share health items (ConsentRecorded)",
    description:
      'What the signed form says: which items (`scope`) may be shared with which agency kinds (`recipients`), for which purpose, until `expiresOn`. ' +
      'Every read of shared health data checks it. The same `consentId` twice is refused with 409.',
    request: recordConsentRequest,
    examples: recordConsentExamples,
    recorded: 'The consent is recorded',
  },
  command: (caseId, request) => ({ type: 'RecordConsent', caseId, ...request }),
});
