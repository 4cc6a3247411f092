import { IllegalStateError, type EventData } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { caseState, type CaseEventType, type CaseState } from '../case/case.state.js';

/** Open a case for a person referred to the social service. */
export interface OpenCase {
  type: 'OpenCase';
  caseId: string;
  ambito: string;
  personRef: string;
  legalBasis: string;
  data: EventData<'CaseOpened'>;
}

/** A case is opened once: opening it again, whatever its status, is refused. */
export const openCaseDecider: Decider<OpenCase, CaseState, CaseEventType> = {
  ...caseState,
  decide(command, state) {
    if (state.status !== 'none') throw new IllegalStateError(`case ${command.caseId} is already open`);
    return [{ type: 'CaseOpened', data: command.data }];
  },
  // The opening command says whose case it is; every later event repeats it from the state.
  streamIdentity: (_state, command) => ({
    subject: command.caseId,
    ambito: command.ambito,
    personref: command.personRef,
    legalbasis: command.legalBasis,
  }),
};
