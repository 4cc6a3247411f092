import { assertAuthorized, type Decision } from '@traiettorie/access';
import { ConcurrencyError, parseEvent, type EventType, type HubEvent } from '@traiettorie/contracts';
import type { EventStore, ExpectedVersion } from '@traiettorie/event-store';
import pRetry from 'p-retry';
import { assertOfOpenedCase, caseOpeningOf, isAgencyRecordOfCase } from './case-opening.js';
import { toCloudEvent, toNewEvent } from './cloud-events.js';
import { toHubEvents, type CommandContext } from './command-context.js';
import { foldState, type Decider } from './decider.js';

export interface CommandResult<Type extends EventType = EventType> {
  /** The events appended, as stored (none when the decider decided nothing). */
  events: HubEvent<Type>[];
  /** The stream's version after the command (an ETag for HTTP callers). */
  version: number;
}

export interface CommandRequest<Command> {
  /** The stream the command acts on, e.g. `case-<caseId>`. */
  stream: string;
  command: Command;
  context: CommandContext;
  /** The version the caller last saw (HTTP If-Match); a mismatch fails at once, without retry. */
  expectedVersion?: number;
  /**
   * The command usually opens the stream (opening a case, a first referral):
   * it is decided on the initial state and appended only if the stream does
   * not exist yet, one round trip instead of two. When the stream exists
   * after all, the command is decided again on the stream as stored.
   */
  usuallyOpensStream?: boolean;
  /** Retries after a concurrent append when the caller set no expectation (default 3). */
  retries?: number;
  /**
   * Checks each event the command decided, once enveloped, before anything is
   * appended (e.g. `(event) => authorizeEmit(caller, event)`): one refusal and
   * nothing is stored; it throws `ForbiddenError` (or `UnauthenticatedError`)
   * with the refusing rule, which problem details answer as 403 (401).
   */
  authorize?: (event: { type: string; ambito: string }) => Decision;
  /**
   * Checks, on an existing stream, that the caller may act on a case of its
   * Ambito at all, before the expected version is compared or any rule is
   * decided: a caller of another Ambito learns nothing of the stream's state.
   */
  authorizeStream?: (ambito: string) => Decision;
}

/**
 * Runs a command: loads the stream, folds its events as the contracts parse
 * them (so upcasters reach the decider), decides, wraps the domain events in
 * the envelope and checks each against its contract (see `toHubEvents`), then
 * appends them with the loaded version as the expected version. A concurrent
 * writer makes the append fail; without a caller expectation the command is
 * decided again on fresh state, with jittered exponential backoff.
 */
export async function handleCommand<Command, State, Type extends EventType>(
  store: EventStore,
  decider: Decider<Command, State, Type>,
  request: CommandRequest<Command>,
): Promise<CommandResult<Type>> {
  const { expectedVersion } = request;
  if (request.usuallyOpensStream && expectedVersion === undefined) {
    const opened = await openStream(store, decider, request);
    if (opened) return opened;
  }
  const attempt = async () => {
    const stored = await store.readStream(request.stream);
    const version = stored.at(-1)?.streamPosition ?? 0;
    const history = stored.map((event) => parseEvent(toCloudEvent(event)) as HubEvent<Type>);
    if (request.authorizeStream && history.length > 0) assertAuthorized(request.authorizeStream(history[0]!.ambito));
    if (expectedVersion !== undefined && expectedVersion !== version) throw new ConcurrencyError(request.stream, expectedVersion, version);
    return decideAndAppend(store, decider, request, foldState(decider, history), version);
  };
  return pRetry(attempt, {
    retries: expectedVersion === undefined ? (request.retries ?? 3) : 0,
    minTimeout: 10,
    factor: 2,
    randomize: true,
    shouldRetry: ({ error }) => error instanceof ConcurrencyError,
  });
}

/**
 * Decides on the initial state and appends only if the stream does not
 * exist. Undefined when that cannot settle the command (the stream exists, or
 * on an empty stream the command would be refused or decide nothing), so the
 * caller decides again on the stream as stored, as if it had never tried.
 */
async function openStream<Command, State, Type extends EventType>(
  store: EventStore,
  decider: Decider<Command, State, Type>,
  request: CommandRequest<Command>,
): Promise<CommandResult<Type> | undefined> {
  try {
    const result = await decideAndAppend(store, decider, request, decider.initialState(), 'no_stream');
    return result.events.length > 0 ? result : undefined;
  } catch {
    // Whatever the reason (the stream exists, a refusal on the empty state), the stream as stored decides.
    return undefined;
  }
}

async function decideAndAppend<Command, State, Type extends EventType>(
  store: EventStore,
  decider: Decider<Command, State, Type>,
  request: CommandRequest<Command>,
  state: State,
  version: ExpectedVersion,
): Promise<CommandResult<Type>> {
  const decided = decider.decide(request.command, state);
  if (decided.length === 0) return { events: [], version: typeof version === 'number' ? version : 0 };
  const identity = decider.streamIdentity(state, request.command);
  const events = toHubEvents(decided, identity, request.context);
  const { authorize } = request;
  if (authorize) events.forEach((event) => assertAuthorized(authorize({ type: event.type, ambito: event.ambito })));
  // Another agency's record of a case starts on a case the social services opened, for its person in its Ambito.
  if ((version === 'no_stream' || version === 0) && isAgencyRecordOfCase(request.stream, identity.subject)) {
    const opening = await caseOpeningOf(store, identity.subject);
    // A caller of another Ambito than the case's is refused as on an existing stream, before anything of the case is compared.
    if (opening && request.authorizeStream) assertAuthorized(request.authorizeStream(opening.ambito));
    assertOfOpenedCase(identity, opening);
  }
  const result = await store.appendToStream(request.stream, events.map(toNewEvent), { expectedVersion: version });
  return { events, version: result.nextExpectedVersion };
}
