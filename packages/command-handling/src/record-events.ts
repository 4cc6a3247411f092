import { assertAuthorized, type Decision } from '@traiettorie/access';
import { ConcurrencyError, DuplicateEventIdError, IllegalStateError, parseEvent, TraiettorieError, type EventType, type HubEvent } from '@traiettorie/contracts';
import type { AppendResult, EventStore, StoredEvent } from '@traiettorie/event-store';
import pRetry from 'p-retry';
import { toCloudEvent, toNewEvent } from './cloud-events.js';
import { toHubEvents } from './command-context.js';
import type { Decider } from './decider.js';
import { assertSameCase } from './case-identity.js';
import { assertOfOpenedCase, caseOpeningOf, isAgencyRecordOfCase, type CaseOpening } from './case-opening.js';
import type { EventRecorder } from './recorder.js';

/** One published event to record: already parsed by the contracts (`parseEvent`), with the recorder of its type. */
export interface EventToRecord {
  event: HubEvent;
  recorder: EventRecorder;
}

/** What became of one published event, in the order they were given. */
export type RecordingOutcome =
  | { status: 'accepted'; stream: string; version: number }
  | { status: 'duplicate'; stream: string }
  | { status: 'refused'; error: TraiettorieError };

export interface RecordEventsOptions {
  /** Checks each event before it is appended, e.g. `(event) => authorizeEmit(caller, event)`. */
  authorize?: (event: { type: string; ambito: string }) => Decision;
  /** Checks, on an existing stream, that the caller may act on a case of its Ambito at all, before any rule is decided. */
  authorizeStream?: (ambito: string) => Decision;
  /** Streams recorded at once (default 8). */
  concurrency?: number;
  /** Attempts again after a concurrent append on a stream (default 3). */
  retries?: number;
}

/**
 * Records published events (CloudEvents an agency posts as facts it already
 * holds) through their owning deciders, as a batch: the events are grouped by
 * stream, and each stream is read once and appended to once, its events
 * decided in the order given, each on the state the previous ones left. Each
 * event is recorded with its own id, source, time and trace context, and only
 * when its decider, given the command its recorder builds from it, decides
 * exactly that one event for the same case (the envelope's subject, Ambito,
 * person and legal basis). An id already on the stream with the same content
 * is a `duplicate` (nothing is stored twice); with other content, or on
 * another stream, it is refused. One refusal never stops the other events,
 * though later events of the same stream are decided without it.
 *
 * With a store that can (`readStreams`, `appendToStreams`), every stream is
 * read in one query and, once all are decided, appended in one call; a stream
 * the store then refuses (a concurrent append, an id used elsewhere) is
 * recorded again on its own, as it would have been without that call.
 *
 * A recorder whose decision depends on another stream (`dependsOn`, e.g. an
 * enrolment on its operation) gets that stream's events as read with the
 * batch's streams (`readStreams`: before any of them is appended), or just
 * before its own stream is decided when the store reads one stream at a
 * time, and again on a retry. What is appended to that stream after the
 * read (by the same batch or another writer) is not seen: the two streams
 * are appended separately.
 */
export async function recordEvents(store: EventStore, items: readonly EventToRecord[], options: RecordEventsOptions = {}): Promise<RecordingOutcome[]> {
  const outcomes: RecordingOutcome[] = new Array<RecordingOutcome>(items.length);
  const byStream = new Map<string, number[]>();
  const dependencies = new Set<string>();
  items.forEach((item, index) => {
    try {
      const stream = item.recorder.stream(item.event);
      const dependency = item.recorder.dependsOn?.(item.event);
      if (dependency !== undefined) dependencies.add(dependency);
      byStream.set(stream, [...(byStream.get(stream) ?? []), index]);
    } catch (error) {
      outcomes[index] = refused(error);
    }
  });
  const groups: StreamGroup[] = [...byStream].map(([stream, indexes]) => ({ stream, indexes, items: indexes.map((i) => items[i]!) }));
  const settle = (indexes: number[], recorded: RecordingOutcome[]) => recorded.forEach((outcome, i) => (outcomes[indexes[i]!] = outcome));
  // Every stream of the batch, and those its decisions depend on, in one round trip when the store can; each stream's own read otherwise (and on a retry).
  const prefetched = store.readStreams ? await store.readStreams([...new Set([...groups.map((g) => g.stream), ...dependencies])]) : undefined;
  if (prefetched && store.appendToStreams) {
    await recordAllAtOnce(store, store.appendToStreams.bind(store), groups, prefetched, options, settle);
    return outcomes;
  }
  await eachConcurrently(groups, options.concurrency ?? 8, async ({ stream, indexes, items: streamItems }) =>
    settle(indexes, await recordStream(store, stream, streamItems, options, prefetched)),
  );
  return outcomes;
}

interface StreamGroup {
  stream: string;
  /** The places of its events in the batch. */
  indexes: number[];
  items: EventToRecord[];
}

/**
 * Every stream decided on what was read, then appended together in one call; a stream the store refused is
 * recorded again on its own (read afresh, retried on a conflict, an id used elsewhere refused), as it would have been.
 */
async function recordAllAtOnce(
  store: EventStore,
  appendToStreams: NonNullable<EventStore['appendToStreams']>,
  groups: readonly StreamGroup[],
  prefetched: ReadonlyMap<string, StoredEvent[]>,
  options: RecordEventsOptions,
  settle: (indexes: number[], recorded: RecordingOutcome[]) => void,
): Promise<void> {
  const concurrency = options.concurrency ?? 8;
  const read = (id: string) => prefetched.get(id) ?? store.readStream(id);
  const decided = new Array<DecidedStream>(groups.length);
  await eachConcurrently(groups.map((group, i) => ({ group, i })), concurrency, async ({ group, i }) => {
    decided[i] = await decideStream(store, group.stream, group.items, options, read, new Map());
  });
  const appending = groups.flatMap((group, i) => (decided[i]!.pending.length > 0 ? [{ group, decision: decided[i]! }] : []));
  groups.forEach((group, i) => decided[i]!.pending.length === 0 && settle(group.indexes, decided[i]!.outcomes.map((o) => o.outcome)));
  if (appending.length === 0) return;
  const appended = await appendToStreams(
    appending.map(({ group, decision }) => ({
      streamId: group.stream,
      events: decision.pending.map((p) => toNewEvent(p.event)),
      expectedVersion: decision.version,
    })),
  );
  const recordAlone: typeof appending = [];
  appending.forEach((entry, i) => {
    const { result } = appended[i]!;
    if (result) settle(entry.group.indexes, appendedOutcomes(entry.group.stream, entry.decision, result));
    else recordAlone.push(entry);
  });
  await eachConcurrently(recordAlone, concurrency, async ({ group }) => settle(group.indexes, await recordStream(store, group.stream, group.items, options, undefined)));
}

/** Runs `work` on every item, at most `concurrency` at a time. */
async function eachConcurrently<T>(list: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < list.length) await work(list[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, list.length) }, worker));
}

/** One stream's events decided on the stream as read: their outcomes, those to append, and the version expected. */
interface DecidedStream {
  outcomes: { outcome: RecordingOutcome; recorded?: HubEvent }[];
  pending: { index: number; event: HubEvent }[];
  version: number;
}

async function decideStream(
  store: EventStore,
  stream: string,
  items: readonly EventToRecord[],
  options: RecordEventsOptions,
  read: (id: string) => StoredEvent[] | Promise<StoredEvent[]>,
  refusedByStore: ReadonlyMap<number, RecordingOutcome>,
): Promise<DecidedStream> {
  const stored = await read(stream);
  const version = stored.at(-1)?.streamPosition ?? 0;
  const history = stored.map(parsed);
  // A new record of another agency about a case: the case as the social services opened it, read once.
  const caseId = items[0]!.event.subject;
  const opening = history.length === 0 && isAgencyRecordOfCase(stream, caseId) ? { of: await caseOpeningOf(store, caseId) } : undefined;
  const dependencies = await readDependencies(items, read);
  const outcomes = decideAll(stream, history, items, options, refusedByStore, dependencies, opening);
  const pending = outcomes.flatMap((o, i) => (o.outcome.status === 'accepted' ? [{ index: i, event: o.recorded! }] : []));
  return { outcomes, pending, version };
}

/** The outcomes once the store appended the stream's events (or found these very events already appended). */
function appendedOutcomes(stream: string, decided: DecidedStream, result: AppendResult): RecordingOutcome[] {
  // No position given: the store found these very events already appended (a concurrent post of the same ones won).
  const appended = result.globalPositions.length > 0;
  return decided.outcomes.map((o): RecordingOutcome => {
    if (o.outcome.status !== 'accepted') return o.outcome;
    return appended ? { ...o.outcome, version: result.nextExpectedVersion } : { status: 'duplicate', stream };
  });
}

async function recordStream(
  store: EventStore,
  stream: string,
  items: readonly EventToRecord[],
  options: RecordEventsOptions,
  prefetched: ReadonlyMap<string, StoredEvent[]> | undefined,
): Promise<RecordingOutcome[]> {
  /** Refused by the store itself (an id already used on another stream): left out of the next attempt. */
  const refusedByStore = new Map<number, RecordingOutcome>();
  // The batch's read serves the first attempt only; a retry reads again.
  let unread = prefetched;
  const attempt = async (): Promise<RecordingOutcome[]> => {
    const prefetchedNow = unread;
    unread = undefined;
    const read = (id: string) => prefetchedNow?.get(id) ?? store.readStream(id);
    const decided = await decideStream(store, stream, items, options, read, refusedByStore);
    const { pending, version } = decided;
    if (pending.length === 0) return decided.outcomes.map((o) => o.outcome);
    try {
      const result = await store.appendToStream(stream, pending.map((p) => toNewEvent(p.event)), { expectedVersion: version });
      return appendedOutcomes(stream, decided, result);
    } catch (error) {
      if (error instanceof DuplicateEventIdError) {
        const reused = new Set(error.eventIds.map((id) => id.toLowerCase()));
        const found = pending.filter((p) => reused.has(p.event.id.toLowerCase()));
        if (found.length === 0) throw error;
        for (const p of found) refusedByStore.set(p.index, { status: 'refused', error: idReused(p.event.id) });
        // Not a conflict: the others are decided again at once, without those.
        return attempt();
      }
      throw error;
    }
  };
  // A concurrent append on the stream: read it again and decide again, with jittered exponential backoff.
  return pRetry(attempt, {
    retries: options.retries ?? 3,
    minTimeout: 5,
    factor: 2,
    randomize: true,
    shouldRetry: ({ error }) => error instanceof ConcurrencyError,
  });
}

const parsed = (event: StoredEvent): HubEvent => parseEvent(toCloudEvent(event));

/** The events of every stream the items' decisions depend on (`dependsOn`), by stream. */
async function readDependencies(items: readonly EventToRecord[], read: (id: string) => StoredEvent[] | Promise<StoredEvent[]>): Promise<Map<string, HubEvent[]>> {
  const streams = new Set(items.flatMap(({ event, recorder }) => (recorder.dependsOn ? [recorder.dependsOn(event)] : [])));
  return new Map(await Promise.all([...streams].map(async (id) => [id, (await read(id)).map(parsed)] as const)));
}

/** Decides every event of one stream in order, on the stream as read; nothing is stored here. */
function decideAll(
  stream: string,
  stored: readonly HubEvent[],
  items: readonly EventToRecord[],
  options: RecordEventsOptions,
  refusedByStore: ReadonlyMap<number, RecordingOutcome>,
  dependencies: ReadonlyMap<string, readonly HubEvent[]>,
  opening?: { of: CaseOpening | undefined },
): { outcome: RecordingOutcome; recorded?: HubEvent }[] {
  const history = [...stored];
  const known = new Map(history.map((event) => [event.id.toLowerCase(), event]));
  const first = history[0];
  const streamRefusal = first && options.authorizeStream ? options.authorizeStream(first.ambito) : { allowed: true as const };
  // Each decider folds the history once, then only what was recorded since.
  const states = new Map<Decider<unknown, unknown, EventType>, { state: unknown; folded: number }>();
  const stateOf = (decider: Decider<unknown, unknown, EventType>) => {
    const entry = states.get(decider) ?? { state: decider.initialState(), folded: 0 };
    for (; entry.folded < history.length; entry.folded++) entry.state = decider.evolve(entry.state, history[entry.folded]!);
    states.set(decider, entry);
    return entry.state;
  };
  return items.map(({ event, recorder }, index) => {
    const byStore = refusedByStore.get(index);
    if (byStore) return { outcome: byStore };
    try {
      // A caller of another Ambito learns nothing of the stream: not even whether an id is on it.
      assertAuthorized(streamRefusal);
      const existing = known.get(event.id.toLowerCase());
      if (existing) {
        if (!sameContent(existing, event)) throw idReused(event.id);
        return { outcome: { status: 'duplicate', stream } };
      }
      const decider = recorder.decider as Decider<unknown, unknown, EventType>;
      const state = stateOf(decider);
      const command = recorder.dependsOn ? recorder.command(event, dependencies.get(recorder.dependsOn(event)) ?? []) : recorder.command(event);
      const decided = decider.decide(command, state);
      if (decided.length !== 1 || decided[0]!.type !== event.type) {
        throw new IllegalStateError(
          `the ${event.type} decider records ${decided.map((d) => d.type).join(', ') || 'nothing'} for this event on the case's stream, not the one ${event.type} posted`,
        );
      }
      // The envelope must name the case as its stream does.
      assertSameCase(event, decider.streamIdentity(state, command), {
        attributes: ['subject', 'ambito', 'personref', 'legalbasis'],
        rule: 'matches-stream',
        recordedAs: 'its stream records it',
      });
      // The first event of another agency's record of a case: the case the social services opened, its person, its Ambito.
      if (opening && history.length === 0) {
        // A caller of another Ambito than the case's is refused as on an existing stream.
        if (opening.of && options.authorizeStream) assertAuthorized(options.authorizeStream(opening.of.ambito));
        assertOfOpenedCase(decider.streamIdentity(state, command), opening.of);
      }
      const [recorded] = toHubEvents(decided, decider.streamIdentity(state, command), {
        source: event.source,
        now: event.time,
        eventId: () => event.id,
        ...(event.traceparent ? { traceparent: event.traceparent } : {}),
      });
      if (options.authorize) assertAuthorized(options.authorize({ type: recorded!.type, ambito: recorded!.ambito }));
      history.push(recorded!);
      known.set(event.id.toLowerCase(), recorded!);
      return { outcome: { status: 'accepted', stream, version: 0 }, recorded: recorded! };
    } catch (error) {
      return { outcome: refused(error) };
    }
  });
}

/** The same event again: type, source, time, case, Ambito, person, legal basis and data (as parsed, so an older version's upcast data compares equal). */
function sameContent(stored: HubEvent, posted: HubEvent): boolean {
  return (
    stored.type === posted.type &&
    stored.source === posted.source &&
    Date.parse(stored.time) === Date.parse(posted.time) &&
    stored.subject === posted.subject &&
    stored.ambito === posted.ambito &&
    stored.personref === posted.personref &&
    stored.legalbasis === posted.legalbasis &&
    canonical(stored.data) === canonical(posted.data)
  );
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

function idReused(id: string): DuplicateEventIdError {
  return new DuplicateEventIdError([id]);
}

function refused(error: unknown): RecordingOutcome {
  if (error instanceof TraiettorieError) return { status: 'refused', error };
  throw error;
}
