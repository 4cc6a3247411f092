import { IllegalStateError, type EventData } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { caseIdentity, caseState, requirePact, type CaseEventType, type CaseState } from '../case/case.state.js';

/** Record a revision of the case's pact: the whole revised pact; its id and revision number default to the next of the case's pact. */
export interface RevisePact {
  type: 'RevisePact';
  caseId: string;
  data: Omit<EventData<'PactRevised'>, 'pactId' | 'revision'> & { pactId?: string | undefined; revision?: number | undefined };
}

/**
 * A pact is revised only after it is signed, as the case's own pact, one
 * revision after the other (1, 2, …), never dated before its last signature
 * or revision.
 */
export const revisePactDecider: Decider<RevisePact, CaseState, CaseEventType> = {
  ...caseState,
  decide(command, state) {
    const { pact } = requirePact(state, command.caseId, 'a revision of the pact');
    const { pactId = pact.pactId, revision = pact.revision + 1, ...rest } = command.data;
    if (pactId !== pact.pactId) {
      throw new IllegalStateError(`the pact of case ${command.caseId} is ${pact.pactId}, not ${pactId}`);
    }
    if (revision !== pact.revision + 1) {
      throw new IllegalStateError(`the next revision of pact ${pact.pactId} is ${pact.revision + 1}, not ${revision}`);
    }
    if (rest.revisedOn < pact.lastChangedOn) {
      throw new IllegalStateError(`the revision of pact ${pact.pactId} (revisedOn ${rest.revisedOn}) cannot be before its last signature or revision, of ${pact.lastChangedOn}`);
    }
    return [{ type: 'PactRevised', data: { pactId, revision, ...rest } }];
  },
  streamIdentity: (state, command) => caseIdentity(state, command.caseId),
};
