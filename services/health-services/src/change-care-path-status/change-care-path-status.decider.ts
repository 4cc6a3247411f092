import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import {
  checkIdentity,
  healthIdentity,
  healthState,
  requireConsentFor,
  requireInvolvement,
  type HealthCommand,
  type HealthEventType,
  type HealthState,
} from '../health-record/health-record.state.js';

/** Record a change of the person's care path at a specialist service, shared under a recorded consent. */
export type ChangeCarePathStatus = HealthCommand<'ChangeCarePathStatus', 'CarePathStatusChanged'>;

/** A care path that ended is resumed only by being taken in charge again. */
const ended = ['concluded', 'dropped-out'];

/**
 * A care path follows an involvement; its status is shared under the consent
 * it names, which must cover the care path status on the day of the change;
 * a change changes something, never goes back in time, and after the path
 * ended only a new taking in charge follows.
 */
export const changeCarePathStatusDecider: Decider<ChangeCarePathStatus, HealthState, HealthEventType> = {
  ...healthState,
  decide(command, state) {
    const { status, changedOn, consentId } = command.data;
    const record = requireInvolvement(state, command.caseId, 'the care path');
    checkIdentity(state, command);
    requireConsentFor(state, command.caseId, consentId, 'care-path-status', changedOn);
    const current = record.carePath;
    if (current) {
      if (current.status === status) throw new IllegalStateError(`the care path of case ${command.caseId} is already ${status}`);
      if (changedOn < current.changedOn) throw new IllegalStateError(`the care path of case ${command.caseId} last changed on ${current.changedOn}, after ${changedOn}`);
      if (ended.includes(current.status) && status !== 'taken-in-charge') {
        throw new IllegalStateError(`the care path of case ${command.caseId} is ${current.status}: only a new taking in charge can follow`);
      }
    }
    return [{ type: 'CarePathStatusChanged', data: command.data }];
  },
  streamIdentity: healthIdentity,
};
