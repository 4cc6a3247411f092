import type { EventType, HubEvent } from '@traiettorie/contracts';
import type { DomainEvent } from './domain-event.js';

/**
 * Who a stream's events are about, written on every event's envelope: the
 * case (`subject`), its Ambito, the pseudonymous person and the legal basis.
 */
export interface StreamIdentity {
  subject: string;
  ambito: string;
  personref: string;
  legalbasis: string;
}

/**
 * A pure decider over the events of one stream. `evolve` folds the stored
 * events as the contracts' parser returns them (upcast to their latest
 * version, envelope included); `decide` answers a command with domain events
 * (none, one or several) or throws a domain error; `streamIdentity` says whose
 * stream it is: from the state once the stream exists, from the command for a
 * command that opens the stream. No I/O; the clock and ids come from outside.
 */
export interface Decider<Command, State, Type extends EventType> {
  initialState(): State;
  evolve(state: State, event: HubEvent<Type>): State;
  decide(command: Command, state: State): DomainEvent<Type>[];
  streamIdentity(state: State, command: Command): StreamIdentity;
}

/** The state of a history, folded from the initial state. */
export function foldState<State, Type extends EventType>(
  decider: Pick<Decider<unknown, State, Type>, 'initialState' | 'evolve'>,
  history: readonly HubEvent<Type>[],
): State {
  return history.reduce(decider.evolve, decider.initialState());
}
