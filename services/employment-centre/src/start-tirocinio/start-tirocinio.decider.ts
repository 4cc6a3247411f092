import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import {
  employmentIdentity,
  employmentState,
  requireReferral,
  requireServicePact,
  runningTirocinio,
  type EmploymentCommand,
  type EmploymentEventType,
  type EmploymentState,
} from '../employment/employment.state.js';

/** Record the start of a tirocinio under a convention between promoter and host. */
export type StartTirocinio = EmploymentCommand<'StartTirocinio', 'TirocinioStarted'>;

/** A tirocinio needs the PSP, starts on or after it, one at a time; a tirocinio starts once. */
export const startTirocinioDecider: Decider<StartTirocinio, EmploymentState, EmploymentEventType> = {
  ...employmentState,
  decide(command, state) {
    const referred = requireReferral(state, command.caseId, 'a tirocinio');
    const pact = requireServicePact(referred, command.caseId, 'a tirocinio');
    const { tirocinioId, startsOn } = command.data;
    if (referred.tirocini[tirocinioId]) throw new IllegalStateError(`tirocinio ${tirocinioId} of case ${command.caseId} has already started`);
    const running = runningTirocinio(referred);
    if (running) {
      throw new IllegalStateError(`case ${command.caseId} is already in tirocinio ${running.tirocinioId} (since ${running.startsOn}); end it first`);
    }
    if (startsOn < pact.signedOn) {
      throw new IllegalStateError(`startsOn ${startsOn} is before the PSP of case ${command.caseId} (signed on ${pact.signedOn})`);
    }
    return [{ type: 'TirocinioStarted', data: command.data }];
  },
  streamIdentity: (state, command) => employmentIdentity(state, command.caseId),
};
