import { Inject, Injectable } from '@nestjs/common';
import { assertAuthorized, authorizeRead, demoPurposes, hubRecords, redactForReader, specialCategoryFieldsFor, type Caller, type ReaderEvent } from '@traiettorie/access';
import { toCloudEvent } from '@traiettorie/command-handling';
import { caseStreamsOf, isAnonymousPersonRef, italianDate, sourceOf, ValidationError, type CloudEvent } from '@traiettorie/contracts';
import { LOG_START, type EventStore, type LogCheckpoint, type StoredEvent } from '@traiettorie/event-store';
import { AccessLogging, classifiedFieldNames, CLOCK, EVENT_STORE, type Clock } from '@traiettorie/nest-kit';

/** One page of the feed: the events the caller may read, redacted for it, and where to continue. */
export interface FeedPage {
  events: ReaderEvent[];
  /** The checkpoint to pass as `after` next time: past every event looked at, shown or not. */
  next: string;
}

export interface FeedQuery {
  after: LogCheckpoint;
  limit: number;
  /** How long to wait for a first readable event when there is none yet, in ms. */
  waitMs: number;
}

export const ROUTE = 'GET /events';
const POLL_MS = 200;
const MAX_PAGES_SCANNED = 20;

/** A checkpoint as the feed shows it: `<transaction id>-<global position>`, opaque to clients. */
export function formatCheckpoint(checkpoint: LogCheckpoint): string {
  return `${checkpoint.transactionId}-${checkpoint.globalPosition}`;
}

export function parseCheckpoint(text: string | undefined): LogCheckpoint {
  if (text === undefined || text === '') return LOG_START;
  const match = /^(\d{1,20})-(\d{1,16})$/.exec(text);
  // A transaction id is a PostgreSQL xid8 (< 2^64); a position is a bigint the hub keeps below 2^53.
  if (!match || BigInt(match[1]!) >= 2n ** 64n || !Number.isSafeInteger(Number(match[2]))) {
    throw new ValidationError([{ path: 'query.after', rule: 'checkpoint', message: "must be a checkpoint the feed returned (its `next`), e.g. '0-0'" }], 'request');
  }
  return { transactionId: match[1]!, globalPosition: Number(match[2]) };
}

/**
 * The global log as one client may read it: in log order, the events of the
 * Ambiti it reads (`authorizeRead`, scope `case-history`), special-category
 * fields redacted as the door redacts a case's history (`redactForReader`,
 * the person's consents read from the whole case), anonymous events and the
 * hub's own access records left out. Each page is access-logged, one
 * `PersonalDataAccessed` per case shown.
 */
@Injectable()
export class Feed {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly accessLog: AccessLogging,
  ) {}

  async read(caller: Caller, query: FeedQuery): Promise<FeedPage> {
    // A funder reads aggregates only: refused before anything is read.
    assertAuthorized(authorizeRead(caller, { scope: 'case-history' }));
    const deadline = Date.now() + query.waitMs;
    let checkpoint = query.after;
    for (;;) {
      const { events, checkpoint: reached } = await this.readable(caller, checkpoint, query.limit);
      checkpoint = reached;
      if (events.length > 0 || Date.now() >= deadline) {
        const seen = await this.redacted(caller, events);
        await this.logReads(caller, seen);
        return { events: seen, next: formatCheckpoint(checkpoint) };
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))));
    }
  }

  /** Up to `limit` readable events after `after`, reading on past the ones the caller may not see. */
  private async readable(caller: Caller, after: LogCheckpoint, limit: number): Promise<{ events: StoredEvent[]; checkpoint: LogCheckpoint }> {
    const found: StoredEvent[] = [];
    let checkpoint = after;
    // A client that may read little of a long log gets an empty page and a checkpoint further on, not a long wait.
    for (let pages = 0; found.length < limit && pages < MAX_PAGES_SCANNED; pages++) {
      const page = await this.store.readAll({ after: checkpoint, limit: limit - found.length });
      for (const event of page.events) {
        if (this.mayRead(caller, event)) found.push(event);
      }
      const moved = page.checkpoint.transactionId !== checkpoint.transactionId || page.checkpoint.globalPosition !== checkpoint.globalPosition;
      checkpoint = page.checkpoint;
      if (page.events.length === 0 || !moved) break;
    }
    return { events: found, checkpoint };
  }

  private mayRead(caller: Caller, event: StoredEvent): boolean {
    if ((hubRecords as readonly string[]).includes(event.type) || event.damaged) return false;
    const ambito = event.metadata['ambito'];
    return typeof ambito === 'string' && authorizeRead(caller, { scope: 'case-history', ambito }).allowed;
  }

  /** Redacted for the caller; a case whose events need a consent check is read whole, for its consents. */
  private async redacted(caller: Caller, events: readonly StoredEvent[]): Promise<ReaderEvent[]> {
    const cloudEvents = events.map(toCloudEvent);
    const needsConsents = new Set(
      cloudEvents
        .filter((e) => specialCategoryFieldsFor(caller.client.kind, e.type).some((f) => f.access.kind === 'under-consent'))
        .map((e) => e.subject),
    );
    const today = italianDate(this.clock.now());
    const byCase = new Map<string, ReaderEvent[]>();
    for (const caseId of needsConsents) {
      const history = (await Promise.all(caseStreamsOf(caseId).map((stream) => this.store.readStream(stream)))).flat().map(toCloudEvent);
      byCase.set(caseId, redactForReader(caller, history, { purposes: demoPurposes, today }));
    }
    return cloudEvents.flatMap((event): ReaderEvent[] => {
      const fromCase = byCase.get(event.subject)?.find((e) => e.id === event.id);
      if (fromCase) return [fromCase];
      return redactForReader(caller, [event as CloudEvent<string, unknown>], { purposes: demoPurposes, today });
    });
  }

  /** One access record per case shown, naming what was disclosed and what withheld. */
  private async logReads(caller: Caller, events: readonly ReaderEvent[]): Promise<void> {
    const byCase = new Map<string, ReaderEvent[]>();
    for (const event of events) byCase.set(event.subject, [...(byCase.get(event.subject) ?? []), event]);
    for (const [caseId, shown] of byCase) {
      const first = shown[0]!;
      // A funded operation's events name no person: reading them reads no one's data.
      if (isAnonymousPersonRef(first.personref)) continue;
      // The record is the case's social services' (PersonalDataAccessed is theirs to emit); a case they never opened gets
      // the hub's own source for them, never the event's agency, whose kind could not emit it.
      const accessed = (await this.accessLog.caseOf(caseId)) ?? {
        id: caseId,
        ambito: first.ambito,
        personRef: first.personref,
        custodian: sourceOf('social-services', 'hub'),
      };
      const redacted = shown.flatMap((e) => (e.redacted ?? []).map((path) => `${e.type}:${path}`));
      const disclosed = shown.flatMap((e) => classifiedFieldNames(e.type, e.data, e.redacted ?? []));
      await this.accessLog.record({ caller, case: accessed, route: ROUTE, disclosed, redacted, outcome: redacted.length > 0 ? 'redacted' : 'disclosed' });
    }
  }
}
