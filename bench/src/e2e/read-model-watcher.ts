import pg from 'pg';
import { isComplete, type Pathway } from './pathways.js';

type Seen = { open?: number; assessed?: number; referral?: number };

const XID_SPACE = 2 ** 32;

/**
 * Watches `read_models.case_summaries` (the read model's public table) for the
 * pathways' changes. Each poll asks only for rows written by transactions that
 * were not yet committed at the previous poll's snapshot (row `xmin` at or
 * past that snapshot's xmin), so a poll costs what changed, not the table, and
 * a transaction that commits late is still caught. A change is timed at the
 * start of the first poll that shows it: an upper bound, at most one poll
 * interval (plus the query's time) after it became visible.
 */
export class ReadModelWatcher {
  private readonly pool: pg.Pool;
  private readonly byCase = new Map<string, Pathway>();
  /** Rows seen before the open-case's answer named their case. */
  private readonly early = new Map<string, Seen>();
  private readonly queue: Pathway[] = [];
  private head = 0;
  private horizon = 0;
  private running = false;
  private loop: Promise<void> | undefined;
  polls = 0;
  rowsRead = 0;
  /** Changes of tracked cases seen so far (each open, assessment, referral once): the drain's sign of progress. */
  changes = 0;
  pollErrors = 0;
  lastPollError: string | undefined;

  constructor(
    databaseUrl: string,
    private readonly pollMs: number,
  ) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 1, application_name: 'bench-e2e-watcher' });
    this.pool.on('error', () => {}); // an idle connection ended by the database's drop
  }

  /** A pathway to watch, from the moment it is scheduled. */
  track(p: Pathway): void {
    this.queue.push(p);
  }

  /** The open-case's answer named the case. */
  named(p: Pathway): void {
    if (!p.caseId) return;
    this.byCase.set(p.caseId, p);
    const seen = this.early.get(p.caseId);
    if (seen) {
      this.early.delete(p.caseId);
      p.seenOpen ??= seen.open;
      p.seenAssessed ??= seen.assessed;
      p.seenReferral ??= seen.referral;
    }
  }

  /** Pathways still waiting for a command's answer or a change in the read model. */
  pending(): Pathway[] {
    this.advance();
    return this.queue.slice(this.head).filter((p) => !isComplete(p));
  }

  private advance(): void {
    while (this.head < this.queue.length && isComplete(this.queue[this.head]!)) this.head++;
  }

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        this.advance();
        if (this.head < this.queue.length) await this.poll();
        await new Promise((r) => setTimeout(r, this.pollMs));
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    if (!this.pool.ended) await this.pool.end();
  }

  private async poll(): Promise<void> {
    const at = performance.now();
    try {
      const { rows } = await this.pool.query<{ horizon: string; changed: [string, boolean, boolean, boolean][] | null }>(
        `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon,
                (SELECT json_agg(json_build_array(case_id, opened_at IS NOT NULL, assessed_at IS NOT NULL, employment_referral_at IS NOT NULL))
                   FROM read_models.case_summaries WHERE xmin::text::bigint >= $1) AS changed`,
        [this.horizon],
      );
      this.polls++;
      const row = rows[0]!;
      const next = Number(BigInt(row.horizon) % BigInt(XID_SPACE));
      // Transaction ids wrapped around: read everything once.
      this.horizon = next < this.horizon ? 0 : next;
      for (const [caseId, opened, assessed, referred] of row.changed ?? []) {
        this.rowsRead++;
        const p = this.byCase.get(caseId);
        if (p) {
          const before = Number(p.seenOpen !== undefined) + Number(p.seenAssessed !== undefined) + Number(p.seenReferral !== undefined);
          if (opened) p.seenOpen ??= at;
          if (assessed) p.seenAssessed ??= at;
          if (referred) p.seenReferral ??= at;
          this.changes += Number(p.seenOpen !== undefined) + Number(p.seenAssessed !== undefined) + Number(p.seenReferral !== undefined) - before;
        } else {
          const seen = this.early.get(caseId) ?? {};
          if (opened) seen.open ??= at;
          if (assessed) seen.assessed ??= at;
          if (referred) seen.referral ??= at;
          this.early.set(caseId, seen);
        }
      }
    } catch (error) {
      // The read model makes its table at start-up; until then there is nothing to see.
      this.pollErrors++;
      this.lastPollError = error instanceof Error ? error.message : String(error);
    }
  }

  /** The whole table, once, at the end: rows of our cases and the events each applied (a count above 3 would be an event applied twice). */
  async census(): Promise<{ rows: number; events: number; overApplied: number }> {
    const { rows } = await this.pool.query<{ rows: string; events: string | null; over: string }>(
      `SELECT count(*) AS rows, sum(event_count) AS events, count(*) FILTER (WHERE event_count > 3) AS over FROM read_models.case_summaries`,
    );
    const r = rows[0]!;
    return { rows: Number(r.rows), events: Number(r.events ?? 0), overApplied: Number(r.over) };
  }
}
