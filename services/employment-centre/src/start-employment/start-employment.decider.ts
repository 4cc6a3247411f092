import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import {
  employmentIdentity,
  employmentKey,
  employmentState,
  requireReferral,
  type EmploymentCommand,
  type EmploymentEventType,
  type EmploymentState,
} from '../employment/employment.state.js';

/** Record that the person started work. */
export type StartEmployment = EmploymentCommand<'StartEmployment', 'EmploymentStarted'>;

/**
 * A hiring of a referred person is recorded once per contract: the same
 * UNILAV, or without one the same employer from the same day, is the same
 * contract. The message names neither (the employer identifies the person).
 */
export const startEmploymentDecider: Decider<StartEmployment, EmploymentState, EmploymentEventType> = {
  ...employmentState,
  decide(command, state) {
    const referred = requireReferral(state, command.caseId, 'an employment');
    if (referred.employments.includes(employmentKey(command.data))) {
      throw new IllegalStateError(
        `this contract of case ${command.caseId} is already recorded (the same UNILAV, or the same employer and start date)`,
      );
    }
    return [{ type: 'EmploymentStarted', data: command.data }];
  },
  streamIdentity: (state, command) => employmentIdentity(state, command.caseId),
};
