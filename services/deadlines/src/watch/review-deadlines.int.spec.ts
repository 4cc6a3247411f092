/**
 * Adversarial review of issue 11 (docs/deadlines.md): deadlines met on their
 * last day on time (a Saturday, a chain of holidays), a case closed before
 * its due date, and DeadlineMissed exactly once under racing watchers.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { derivedEventId, toNewEvent } from '@traiettorie/command-handling';
import { caseStreamOf, sourceOf, type EventData, type EventType, type HubEvent } from '@traiettorie/contracts';
import { createPostgresEventStore, LOG_START, provisionEventStore, type EventStore } from '@traiettorie/event-store';
import { ManualClock } from '@traiettorie/nest-kit';
import { createTestDatabase, sampleEvent, waitFor, type TestDatabase } from '@traiettorie/testing';
import { drizzle } from 'drizzle-orm/node-postgres';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { connectDeadlines } from '../database.module.js';
import { DeadlineWatch } from './deadline-watch.js';

const source = sourceOf('social-services', 'deadline-watch');

describe('review of issue 11: the deadline watch on the Italian calendar', () => {
  let db: TestDatabase;
  let agencies: EventStore;
  const pools: pg.Pool[] = [];
  const appended: string[] = [];

  function watcher(now: string) {
    const pool = new pg.Pool({ connectionString: db.appUrl, max: 5 });
    pool.on('error', () => {});
    pools.push(pool);
    const clock = new ManualClock(now);
    return { watch: new DeadlineWatch({ pool, db: drizzle({ client: pool }), store: createPostgresEventStore(pool), clock, source }), clock };
  }
  async function append<T extends EventType>(stream: string, type: T, caseId: string, day: string, data: Partial<EventData<T>> = {}): Promise<HubEvent<T>> {
    const event = sampleEvent(type, { caseId, time: `${day}T10:00:00.000Z`, data });
    await agencies.appendToStream(stream, [toNewEvent(event)]);
    appended.push(event.id);
    return event;
  }
  async function untilTheLogShows(): Promise<void> {
    await waitFor(
      async () => new Set((await agencies.readAll({ after: LOG_START, limit: 100_000 })).events.map((e) => e.id)),
      (shown) => appended.every((id) => shown.has(id)),
      { what: 'the global log to show the events appended' },
    );
  }
  /** A case referred to the CPI, its PSP due by `dueBy`, signed on `signedOn` (if given). */
  async function referredCase(dueBy: string, signedOn?: string) {
    const caseId = randomUUID();
    await append(caseStreamOf('social-services', caseId), 'CaseOpened', caseId, '2026-10-02');
    const referral = await append(caseStreamOf('employment-centre', caseId), 'EmploymentReferralReceived', caseId, '2026-10-21', { receivedOn: '2026-10-21', servicePactDueBy: dueBy });
    if (signedOn) await append(caseStreamOf('employment-centre', caseId), 'ServicePactSigned', caseId, signedOn, { signedOn });
    const deadlineId = derivedEventId(referral.id, `deadline:service-pact:${dueBy}`);
    return { caseId, deadlineId, missedEventId: derivedEventId(deadlineId, 'DeadlineMissed') };
  }
  const missedOf = async (caseId: string) => (await agencies.readStream(caseStreamOf('social-services', caseId))).filter((e) => e.type === 'DeadlineMissed');

  beforeAll(async () => {
    db = await createTestDatabase('review-deadlines');
    await provisionEventStore(db.pool);
    agencies = createPostgresEventStore(db.pool);
    const { pool } = await connectDeadlines(db.appUrl);
    await pool.end();
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await db.drop();
  });

  it('a PSP due on Saturday 5 December 2026 (a working day), signed that Saturday › never missed; one not signed › missed from Sunday 6 with dueOn the Saturday', async () => {
    const met = await referredCase('2026-12-05', '2026-12-05');
    const unmet = await referredCase('2026-12-05');
    await untilTheLogShows();
    const w = watcher('2026-12-06T10:00:00.000Z');
    await w.watch.tick();
    expect(await missedOf(met.caseId)).toEqual([]);
    const [missed] = await missedOf(unmet.caseId);
    expect(missed?.data).toMatchObject({ dueOn: '2026-12-05', detectedOn: '2026-12-06' });
  });

  it('a PSP due on Christmas Day 2026 (Friday; Santo Stefano Saturday, then Sunday) › the last day on time is Monday 28: signed on the 28th › not missed; unsigned › missed on the 29th, not before', async () => {
    const met = await referredCase('2026-12-25', '2026-12-28');
    const unmet = await referredCase('2026-12-25');
    await untilTheLogShows();
    const w = watcher('2026-12-28T22:30:00.000Z'); // 23:30 on the 28th in Rome
    expect((await w.watch.tick()).recorded).toEqual([]);
    w.clock.set('2026-12-28T23:00:00.000Z'); // midnight: the 29th in Rome
    const report = await w.watch.tick();
    expect(report.recorded).toEqual([unmet.deadlineId]);
    expect(await missedOf(met.caseId)).toEqual([]);
    expect((await missedOf(unmet.caseId))[0]?.data).toMatchObject({ dueOn: '2026-12-28', detectedOn: '2026-12-29' });
  });

  it('a PSP due on San Francesco, Sunday 4 October 2026 › its last day on time is Monday 5 October', async () => {
    const unmet = await referredCase('2026-10-04');
    await untilTheLogShows();
    const w = watcher('2026-10-05T12:00:00.000Z');
    expect((await w.watch.tick()).recorded).toEqual([]);
    w.clock.set('2026-10-06T12:00:00.000Z');
    await w.watch.tick();
    expect((await missedOf(unmet.caseId))[0]?.data).toMatchObject({ dueOn: '2026-10-05' });
  });

  it('a case closed before its PSP falls due › no DeadlineMissed, ever, and the deadline reads closed', async () => {
    const closed = await referredCase('2026-11-20');
    await append(caseStreamOf('social-services', closed.caseId), 'CaseClosed', closed.caseId, '2026-11-10', { closedOn: '2026-11-10', reason: 'employed' });
    await untilTheLogShows();
    const w = watcher('2026-12-01T12:00:00.000Z');
    const report = await w.watch.tick();
    expect(report.recorded).not.toContain(closed.deadlineId);
    expect(report.refused).not.toContain(closed.deadlineId);
    expect(await missedOf(closed.caseId)).toEqual([]);
    const { rows } = await db.pool.query<{ status: string }>('SELECT status FROM deadlines.deadlines WHERE case_id = $1', [closed.caseId]);
    expect(rows.map((r) => r.status)).toEqual(['closed']);
  });

  it('eight watchers ticking in the same instant on 30 due deadlines › each DeadlineMissed once; the ids are the derived ones', async () => {
    const cases = await Promise.all(Array.from({ length: 30 }, () => referredCase('2026-11-16')));
    await untilTheLogShows();
    const many = Array.from({ length: 8 }, () => watcher('2026-11-18T12:00:00.000Z'));
    await Promise.all(many.flatMap((w) => [w.watch.tick(), w.watch.tick()]));
    const counts = await Promise.all(cases.map(async (c) => (await missedOf(c.caseId)).length));
    expect(counts).toEqual(cases.map(() => 1));
    for (const c of cases) expect((await missedOf(c.caseId)).map((e) => e.id)).toEqual([c.missedEventId]);
  });
});
