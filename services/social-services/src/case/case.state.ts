import { caseStreamOf, IllegalStateError, NotFoundError, type EventData, type HubEvent } from '@traiettorie/contracts';
import type { StreamIdentity } from '@traiettorie/command-handling';

/** The events of a case's stream at the social services. */
export type CaseEventType = 'CaseOpened' | 'AssessmentCompleted' | 'PactSigned' | 'CaseClosed';

/** Whose case it is: set by the opening, carried by every later event's envelope. */
interface CaseIdentity {
  ambito: string;
  personRef: string;
  legalBasis: string;
}

export type CaseState =
  | { status: 'none' }
  | ({ status: 'open' } & CaseIdentity)
  | ({ status: 'assessed'; referrals: readonly string[] } & CaseIdentity)
  | ({ status: 'pact-signed'; pactId: string } & CaseIdentity)
  | ({ status: 'closed'; closedOn: string } & CaseIdentity);

export type ExistingCase = Exclude<CaseState, { status: 'none' }>;

/** A command on an existing case that records one event of the given type with the data given. */
export interface CaseCommand<Name extends string, Type extends CaseEventType> {
  type: Name;
  caseId: string;
  data: EventData<Type>;
}

/** The social services' stream of a case. */
export const caseStream = (caseId: string) => caseStreamOf('social-services', caseId);

/** How a case's history folds into its state; each command's decider adds its own rule. */
export const caseState = {
  initialState: (): CaseState => ({ status: 'none' }),
  evolve,
};

function evolve(state: CaseState, event: HubEvent<CaseEventType>): CaseState {
  switch (event.type) {
    case 'CaseOpened':
      return { status: 'open', ambito: event.ambito, personRef: event.personref, legalBasis: event.legalbasis };
    case 'AssessmentCompleted':
      return state.status === 'none' ? state : { ...identityOf(state), status: 'assessed', referrals: event.data.referrals };
    case 'PactSigned':
      return state.status === 'none' ? state : { ...identityOf(state), status: 'pact-signed', pactId: event.data.pactId };
    case 'CaseClosed':
      return state.status === 'none' ? state : { ...identityOf(state), status: 'closed', closedOn: event.data.closedOn };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** The case, or NotFoundError when it was never opened. */
export function requireCase(state: CaseState, caseId: string): ExistingCase {
  if (state.status === 'none') throw new NotFoundError(`case ${caseId} does not exist`);
  return state;
}

/** The case, while it is not closed: NotFoundError when it was never opened, IllegalStateError once closed. */
export function requireOpenCase(state: CaseState, caseId: string): Exclude<ExistingCase, { status: 'closed' }> {
  const existing = requireCase(state, caseId);
  if (existing.status === 'closed') throw new IllegalStateError(`case ${caseId} was closed on ${existing.closedOn}`);
  return existing;
}

/** The identity every event of an existing case carries: the one it was opened with. */
export function caseIdentity(state: CaseState, caseId: string): StreamIdentity {
  const existing = requireCase(state, caseId);
  return { subject: caseId, ambito: existing.ambito, personref: existing.personRef, legalbasis: existing.legalBasis };
}

function identityOf(state: ExistingCase): CaseIdentity {
  return { ambito: state.ambito, personRef: state.personRef, legalBasis: state.legalBasis };
}
