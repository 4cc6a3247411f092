import { addDays, IllegalStateError, type EventData } from '@traiettorie/contracts';
import type { Decider, StreamIdentity } from '@traiettorie/command-handling';
import { employmentIdentity, employmentState, type EmploymentEventType, type EmploymentState } from '../employment/employment.state.js';
import { SERVICE_PACT_DEADLINE_DAYS } from '../receive-referral/receive-referral.decider.js';

/**
 * Record a referral the CPI received outside the hub's policy (by hand, or
 * posted by an agency system), for a case whose identity is known: the
 * social services' case, or the posted envelope.
 */
export interface RecordReferral {
  type: 'RecordReferral';
  caseId: string;
  identity: Omit<StreamIdentity, 'subject'>;
  data: EventData<'EmploymentReferralReceived'>;
}

/** A person is referred to the CPI once; the PSP falls due 60 days after the referral, as the law says. */
export const recordReferralDecider: Decider<RecordReferral, EmploymentState, EmploymentEventType> = {
  ...employmentState,
  decide(command, state) {
    if (state.status === 'referred') {
      throw new IllegalStateError(`case ${command.caseId} is already referred to the employment centre (received on ${state.receivedOn})`);
    }
    const { receivedOn, servicePactDueBy } = command.data;
    const dueBy = addDays(receivedOn, SERVICE_PACT_DEADLINE_DAYS);
    if (servicePactDueBy !== dueBy) {
      throw new IllegalStateError(`servicePactDueBy must be ${SERVICE_PACT_DEADLINE_DAYS} days after receivedOn ${receivedOn}: ${dueBy}`);
    }
    return [{ type: 'EmploymentReferralReceived', data: command.data }];
  },
  streamIdentity: (state, command) => (state.status === 'none' ? { subject: command.caseId, ...command.identity } : employmentIdentity(state, command.caseId)),
};
