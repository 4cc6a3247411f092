import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { employmentIdentity, employmentState, requireReferral, type EmploymentCommand, type EmploymentEventType, type EmploymentState } from '../employment/employment.state.js';

/** Record the end of a tirocinio: completed, interrupted or hired. */
export type EndTirocinio = EmploymentCommand<'EndTirocinio', 'TirocinioEnded'>;

/** A tirocinio ends once, only after it started, never before its start. */
export const endTirocinioDecider: Decider<EndTirocinio, EmploymentState, EmploymentEventType> = {
  ...employmentState,
  decide(command, state) {
    const referred = requireReferral(state, command.caseId, 'the end of a tirocinio');
    const { tirocinioId, endedOn } = command.data;
    const tirocinio = referred.tirocini[tirocinioId];
    if (!tirocinio) throw new IllegalStateError(`tirocinio ${tirocinioId} of case ${command.caseId} was never started (TirocinioStarted)`);
    if (tirocinio.status === 'ended') {
      throw new IllegalStateError(`tirocinio ${tirocinioId} of case ${command.caseId} has already ended (on ${tirocinio.endedOn})`);
    }
    if (endedOn < tirocinio.startsOn) {
      throw new IllegalStateError(`endedOn ${endedOn} is before tirocinio ${tirocinioId} started (on ${tirocinio.startsOn})`);
    }
    return [{ type: 'TirocinioEnded', data: command.data }];
  },
  streamIdentity: (state, command) => employmentIdentity(state, command.caseId),
};
