import { derivedEventId, handleCommand, toCloudEvent } from '@traiettorie/command-handling';
import { caseStreamsOf, DuplicateEventIdError, IllegalStateError, italianDate, NotFoundError, parseEvent, type HubEvent } from '@traiettorie/contracts';
import { LOG_START, type EventStore, type LogCheckpoint, type StoredEvent } from '@traiettorie/event-store';
import { createProjector, type Projector } from '@traiettorie/projections';
// The social services' own rule for a missed deadline (a second one for the same deadline, a case never opened or closed: refused).
import { caseStream, recordDeadlineMissedDecider } from '@traiettorie/social-services/recorders';
import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { deadlineProjection, fromRow } from '../deadline/deadline.read-model.js';
import { deadlineEventTypes, deadlineMissedData, deadlinesOf, isMissedAsOf, type Deadline } from '../deadline/deadline.projection.js';
import { deadlines, logPositions, processedEvents } from '../deadline/deadline.schema.js';

export interface DeadlineWatchOptions {
  /** The deadlines' database (its schema `deadlines`), also where the watchers take turns projecting. */
  pool: pg.Pool;
  db: NodePgDatabase;
  store: EventStore;
  /** Where the watch reads the time: today is its Italian calendar day. */
  clock: { now(): Date };
  /** The CloudEvents source of the DeadlineMissed events: the social services on whose behalf the watch records. */
  source: string;
  batchSize?: number;
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

/** What one tick did. */
export interface TickReport {
  /** Events of the log the projection applied. */
  applied: number;
  /** DeadlineMissed events this watcher appended (or found appended, identical, by a watcher racing it: the store keeps one). */
  recorded: string[];
  /** Deadlines found already recorded missed (by another watcher, or before a restart). */
  alreadyRecorded: string[];
  /** Deadlines the case's rule refused (a case never opened at the social services, or closed); logged, not tried again by this watcher. */
  refused: string[];
}

const PROJECTION_LOCK = 'deadlines:projection';

/**
 * The deadline watch: projects the global log into `deadlines.deadlines`,
 * then appends a DeadlineMissed for each deadline whose last day on time is
 * before today and whose awaited event did not come by then, as the case's
 * streams confirm at that moment.
 *
 * Exactly once, with any number of watchers and across restarts: the
 * DeadlineMissed of a deadline always has the id
 * `derivedEventId(deadlineId, 'DeadlineMissed')`, which the store keeps once,
 * and the case's rule refuses a second DeadlineMissed for the same deadline.
 * Watchers take turns projecting (an advisory lock held by a session, which
 * dies with its process), from a position they share.
 */
export class DeadlineWatch {
  private readonly projector: Projector;
  private readonly log: NonNullable<DeadlineWatchOptions['log']>;
  private readonly refusedOnce = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;
  private ticks = 0;
  private lastError: string | undefined;

  constructor(private readonly options: DeadlineWatchOptions) {
    this.projector = createProjector(options.db, processedEvents);
    this.log = options.log ?? (() => {});
  }

  /** Projects, then records what is missed as of the clock's today. */
  async tick(): Promise<TickReport> {
    const applied = await this.catchUp();
    const today = italianDate(this.options.clock.now());
    const report: TickReport = { applied, recorded: [], alreadyRecorded: [], refused: [] };
    for (const candidate of await this.missedAsOf(today)) {
      const deadline = await this.confirmedMissed(candidate, today);
      if (!deadline) continue;
      const outcome = await this.record(deadline, today);
      report[outcome].push(deadline.deadlineId);
    }
    this.ticks += 1;
    return report;
  }

  /** Ticks every `intervalMs` (one tick at a time) until `stop()`. */
  start(intervalMs: number): void {
    const loop = () => {
      if (this.stopped) return;
      this.running = this.tick()
        .then(() => (this.lastError = undefined))
        .catch((error: unknown) => {
          this.lastError = error instanceof Error ? error.message : String(error);
          this.log('deadline watch tick failed; it is tried again', { error: this.lastError });
        })
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, intervalMs);
        });
    };
    loop();
  }

  /** Stops ticking and waits for a tick in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  stats(): { ticks: number; lastError?: string } {
    return { ticks: this.ticks, ...(this.lastError ? { lastError: this.lastError } : {}) };
  }

  /**
   * Applies the global log's events the rules read, after the shared
   * position, batch by batch; one watcher at a time, so the deadlines of a
   * case are folded in log order. Returns how many events it applied.
   */
  async catchUp(): Promise<number> {
    const client = await this.options.pool.connect();
    try {
      // Waits for the watcher whose turn it is, not forever: a tick that times out is tried again at the next.
      await client.query("SET lock_timeout = '10s'");
      try {
        await client.query('SELECT pg_advisory_lock(hashtext($1))', [PROJECTION_LOCK]);
      } finally {
        await client.query('RESET lock_timeout');
      }
      try {
        return await this.projectFrom(await this.position());
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [PROJECTION_LOCK]);
      }
    } finally {
      client.release();
    }
  }

  private async projectFrom(start: LogCheckpoint): Promise<number> {
    let after = start;
    let applied = 0;
    for (;;) {
      const batch = await this.options.store.readAll({ after, limit: this.options.batchSize ?? 500, types: [...deadlineEventTypes] });
      const events = batch.events.flatMap((stored) => {
        if (stored.damaged) return [];
        try {
          return [parseEvent(toCloudEvent(stored)) as HubEvent];
        } catch (error) {
          this.log('an event the deadline rules read does not parse; skipped', { eventId: stored.id, error: (error as Error).message });
          return [];
        }
      });
      if (events.length > 0) applied += (await this.projector.apply(deadlineProjection, events)).length;
      const moved = batch.checkpoint.transactionId !== after.transactionId || batch.checkpoint.globalPosition !== after.globalPosition;
      if (moved) await this.savePosition(batch.checkpoint);
      if (!moved || batch.events.length === 0) return applied;
      after = batch.checkpoint;
    }
  }

  private async position(): Promise<LogCheckpoint> {
    const [row] = await this.options.db.select().from(logPositions).where(eq(logPositions.projection, deadlineProjection.name));
    return row ? { transactionId: row.transactionId, globalPosition: row.globalPosition } : LOG_START;
  }

  private async savePosition(checkpoint: LogCheckpoint): Promise<void> {
    await this.options.db
      .insert(logPositions)
      .values({ projection: deadlineProjection.name, transactionId: checkpoint.transactionId, globalPosition: checkpoint.globalPosition })
      .onConflictDoUpdate({
        target: logPositions.projection,
        set: { transactionId: checkpoint.transactionId, globalPosition: checkpoint.globalPosition },
        // Forwards only.
        setWhere: sql`(${logPositions.transactionId}::xid8, ${logPositions.globalPosition}) < (excluded.transaction_id::xid8, excluded.global_position)`,
      });
  }

  /** The deadlines missed as of `today` that no DeadlineMissed records yet (see `isMissedAsOf`). */
  private async missedAsOf(today: string): Promise<Deadline[]> {
    const rows = await this.options.db
      .select()
      .from(deadlines)
      .where(
        and(
          isNull(deadlines.missedEventId),
          lt(deadlines.effectiveDueOn, today),
          or(isNull(deadlines.closedOn), sql`${deadlines.closedOn} > ${deadlines.effectiveDueOn}`),
        ),
      )
      .orderBy(asc(deadlines.effectiveDueOn), asc(deadlines.deadlineId));
    return rows.map(fromRow).filter((d) => !this.refusedOnce.has(d.deadlineId));
  }

  /**
   * The deadline as the case's streams show it now, if it is still missed.
   * The global log the projection reads shows a commit only once every older
   * transaction has ended (ADR 2), so an awaited event may be stored and not
   * yet projected: a stream read sees every commit. Undefined when it is met
   * (or recorded missed) after all.
   */
  private async confirmedMissed(candidate: Deadline, today: string): Promise<Deadline | undefined> {
    const streams = await Promise.all(caseStreamsOf(candidate.caseId).map((stream) => this.options.store.readStream(stream)));
    const history = streams
      .flat()
      .filter((stored) => !stored.damaged && deadlineEventTypes.includes(stored.type))
      .sort(inLogOrder)
      .flatMap((stored) => {
        try {
          return [parseEvent(toCloudEvent(stored)) as HubEvent];
        } catch {
          return [];
        }
      });
    const now = deadlinesOf(history).find((d) => d.deadlineId === candidate.deadlineId);
    return now && isMissedAsOf(now, today) ? now : undefined;
  }

  /** Appends the deadline's DeadlineMissed to its case through the case's rule; the same id whoever appends it. */
  private async record(deadline: Deadline, today: string): Promise<'recorded' | 'alreadyRecorded' | 'refused'> {
    const eventId = derivedEventId(deadline.deadlineId, 'DeadlineMissed');
    try {
      await handleCommand(this.options.store, recordDeadlineMissedDecider, {
        stream: caseStream(deadline.caseId),
        command: { type: 'RecordDeadlineMissed', caseId: deadline.caseId, data: deadlineMissedData(deadline, today) },
        context: { source: this.options.source, now: this.options.clock.now().toISOString(), eventId: () => eventId },
      });
      return 'recorded';
    } catch (error) {
      if (!(error instanceof IllegalStateError || error instanceof DuplicateEventIdError || error instanceof NotFoundError)) throw error;
      // Refused: because it is already there (another watcher, an earlier run), or by the case's rule (a case never opened, or closed).
      const stream = await this.options.store.readStream(caseStream(deadline.caseId));
      if (stream.some((event) => event.id === eventId)) return 'alreadyRecorded';
      this.refusedOnce.add(deadline.deadlineId);
      this.log('a missed deadline cannot be recorded on its case; this watcher does not try it again', { deadlineId: deadline.deadlineId, reason: error.message });
      return 'refused';
    }
  }
}

/** The global log's order: (transaction id, global position), as readers of the log see it. */
function inLogOrder(a: StoredEvent, b: StoredEvent): number {
  const byTransaction = BigInt(a.transactionId) - BigInt(b.transactionId);
  if (byTransaction !== 0n) return byTransaction < 0n ? -1 : 1;
  return a.globalPosition - b.globalPosition;
}
