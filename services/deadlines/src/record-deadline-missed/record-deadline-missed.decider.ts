import { caseStreamOf, IllegalStateError, NotFoundError, type EventData, type HubEvent } from '@traiettorie/contracts';
import type { Decider, StreamIdentity } from '@traiettorie/command-handling';

/**
 * A stand-in for the social services' own DeadlineMissed decider (services/
 * social-services, branch i11-social), with the same rule, until it lands:
 * the deadline watch records on the case's stream (`case-<caseId>`) and
 * only needs of it whether the case was opened, whether it was closed, and
 * which deadlines were already recorded missed. Its command is the social
 * services' `RecordDeadlineMissed` (`CaseCommand<'RecordDeadlineMissed', 'DeadlineMissed'>`).
 */

/** Record that a legal deadline of the case passed without the event it awaited. */
export interface RecordDeadlineMissed {
  type: 'RecordDeadlineMissed';
  caseId: string;
  data: EventData<'DeadlineMissed'>;
}

/** The events of the case's stream this rule reads; the others leave its state as it is. */
export type MissedDeadlinesEventType = 'CaseOpened' | 'CaseClosed' | 'DeadlineMissed';

export type MissedDeadlinesState =
  | { status: 'none' }
  | { status: 'open' | 'closed'; identity: Omit<StreamIdentity, 'subject'>; missed: ReadonlySet<string>; closedOn?: string };

/** The case's stream at the social services. */
export const caseStream = (caseId: string) => caseStreamOf('social-services', caseId);

/** A deadline is recorded missed once, on a case that was opened and is not closed. */
export const recordDeadlineMissedDecider: Decider<RecordDeadlineMissed, MissedDeadlinesState, MissedDeadlinesEventType> = {
  initialState: () => ({ status: 'none' }),
  evolve(state, event: HubEvent) {
    if (event.type === 'CaseOpened') return { status: 'open', identity: { ambito: event.ambito, personref: event.personref, legalbasis: event.legalbasis }, missed: new Set() };
    if (state.status === 'none') return state;
    if (event.type === 'CaseClosed') return { ...state, status: 'closed', closedOn: (event as HubEvent<'CaseClosed'>).data.closedOn };
    if (event.type === 'DeadlineMissed') {
      return { ...state, missed: new Set([...state.missed, (event as HubEvent<'DeadlineMissed'>).data.deadlineId]) };
    }
    return state;
  },
  decide(command, state) {
    if (state.status === 'none') throw new NotFoundError(`case ${command.caseId} does not exist`);
    // A closure closes every deadline of the case.
    if (state.status === 'closed') throw new IllegalStateError(`case ${command.caseId} was closed on ${state.closedOn}`);
    if (state.missed.has(command.data.deadlineId)) {
      throw new IllegalStateError(`deadline ${command.data.deadlineId} of case ${command.caseId} is already recorded missed`);
    }
    return [{ type: 'DeadlineMissed', data: command.data }];
  },
  streamIdentity(state, command) {
    if (state.status === 'none') throw new NotFoundError(`case ${command.caseId} does not exist`);
    return { subject: command.caseId, ...state.identity };
  },
};
