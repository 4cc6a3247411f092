import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import {
  participationIdentity,
  participationState,
  requireAboutTheExit,
  type ParticipationCommand,
  type ParticipationEventType,
  type ParticipationState,
} from '../participation/participation.state.js';

/** Record the person's situation six months after leaving (ESF+ longer-term result). */
export type RecordSixMonthFollowUp = ParticipationCommand<'RecordSixMonthFollowUp', 'SixMonthFollowUpRecorded'>;

/**
 * The six-month follow-up comes after the exit, about that exit, at least six
 * months after it, once.
 */
export const sixMonthFollowUpDecider: Decider<RecordSixMonthFollowUp, ParticipationState, ParticipationEventType> = {
  ...participationState,
  decide(command, state) {
    const { exitDate, followUpOn } = command.data;
    const left = requireAboutTheExit(state, command, 'the six-month follow-up', { field: 'exitDate', on: exitDate });
    if (left.followUp) throw new IllegalStateError(`case ${command.caseId} already has its six-month follow-up (on ${left.followUp.followUpOn})`);
    const sixMonthsAfter = addMonths(exitDate, 6);
    if (followUpOn < sixMonthsAfter) throw new IllegalStateError(`followUpOn: the six-month follow-up is due from ${sixMonthsAfter}, six months after leaving on ${exitDate}; not ${followUpOn}`);
    return [{ type: 'SixMonthFollowUpRecorded', data: command.data }];
  },
  streamIdentity: (state, command) => participationIdentity(state, command.caseId),
};

/** The same day `months` later (the month's last day when it has no such day), as the contracts count months. */
export function addMonths(isoDate: string, months: number): string {
  const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDay))).toISOString().slice(0, 10);
}
