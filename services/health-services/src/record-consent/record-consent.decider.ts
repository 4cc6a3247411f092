import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { checkIdentity, healthIdentity, healthState, type HealthCommand, type HealthEventType, type HealthState } from '../health-record/health-record.state.js';

/** Record the person's consent to share named health items with named agencies. */
export type RecordConsent = HealthCommand<'RecordConsent', 'ConsentRecorded'>;

/** A consent is recorded once: the same consent id again is refused; a new consent is a new id. */
export const recordConsentDecider: Decider<RecordConsent, HealthState, HealthEventType> = {
  ...healthState,
  decide(command, state) {
    checkIdentity(state, command);
    if (state.status === 'recorded' && state.consents[command.data.consentId]) {
      throw new IllegalStateError(`consent ${command.data.consentId} is already recorded on the health record of case ${command.caseId}`);
    }
    return [{ type: 'ConsentRecorded', data: command.data }];
  },
  streamIdentity: healthIdentity,
};
