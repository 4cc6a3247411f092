import { caseRecordCommandController } from '@traiettorie/nest-kit';
import { healthStream } from '../health-record/health-record.state.js';
import { withdrawConsentDecider } from './withdraw-consent.decider.js';
import { withdrawConsentExamples, withdrawConsentRequest } from './withdraw-consent.request.js';

/** POST /cases/:caseId/consent-withdrawals (ConsentWithdrawn). */
export const WithdrawConsentController = caseRecordCommandController({
  tag: 'health records',
  stream: healthStream,
  decider: withdrawConsentDecider,
  route: {
    path: 'consent-withdrawals',
    operationId: 'Health_withdrawConsent',
    summary: 'Record that the person withdrew a consent, wholly or for some items (ConsentWithdrawn)',
    description:
      'From `withdrawnOn` no agency reads the withdrawn items any more: the door redacts them (`consent-withdrawn`). ' +
      'A consent never recorded is refused with 404; one already withdrawn (or the same items again) with 409.',
    request: withdrawConsentRequest,
    examples: withdrawConsentExamples,
    recorded: 'The withdrawal is recorded',
  },
  command: (caseId, request) => ({ type: 'WithdrawConsent', caseId, ...request }),
});
