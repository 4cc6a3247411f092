import { IllegalStateError, NotFoundError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { checkIdentity, healthIdentity, healthState, type HealthCommand, type HealthEventType, type HealthState } from '../health-record/health-record.state.js';

/** Record that the person withdrew a consent, wholly or for some items. */
export type WithdrawConsent = HealthCommand<'WithdrawConsent', 'ConsentWithdrawn'>;

/**
 * Only a recorded consent can be withdrawn, from the day it was given, and
 * only what of it is still in place: a consent withdrawn wholly, or the items
 * already withdrawn, cannot be withdrawn again; items it never covered neither.
 */
export const withdrawConsentDecider: Decider<WithdrawConsent, HealthState, HealthEventType> = {
  ...healthState,
  decide(command, state) {
    const { consentId, withdrawnOn, scope } = command.data;
    const consent = state.status === 'recorded' ? state.consents[consentId] : undefined;
    if (!consent) throw new NotFoundError(`consent ${consentId} was never recorded on the health record of case ${command.caseId}`);
    checkIdentity(state, command);
    if (consent.withdrawn === 'all') throw new IllegalStateError(`consent ${consentId} is already withdrawn`);
    if (withdrawnOn < consent.givenOn) throw new IllegalStateError(`consent ${consentId} cannot be withdrawn before it was given (${consent.givenOn})`);
    const uncovered = (scope ?? []).filter((item) => !consent.scope.includes(item));
    if (uncovered.length > 0) throw new IllegalStateError(`consent ${consentId} does not cover ${uncovered.join(', ')}`);
    const again = (scope ?? []).filter((item) => consent.withdrawn.includes(item));
    if (scope !== undefined && again.length === scope.length) throw new IllegalStateError(`consent ${consentId} is already withdrawn for ${again.join(', ')}`);
    return [{ type: 'ConsentWithdrawn', data: command.data }];
  },
  streamIdentity: healthIdentity,
};
