import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { derivedEventId, toNewEvent } from '@traiettorie/command-handling';
import { caseStreamOf, sourceOf, type EventData, type EventType, type HubEvent } from '@traiettorie/contracts';
import { createPostgresEventStore, provisionEventStore, type EventStore } from '@traiettorie/event-store';
import { ManualClock } from '@traiettorie/nest-kit';
import { createTestDatabase, sampleEvent, type TestDatabase } from '@traiettorie/testing';
import { drizzle } from 'drizzle-orm/node-postgres';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { connectDeadlines } from '../database.module.js';
import { DeadlineWatch, type TickReport } from './deadline-watch.js';

const source = sourceOf('social-services', 'deadline-watch');

/** A watcher as a deployment runs one: its own connections, its own clock, the same database. */
interface Watcher {
  watch: DeadlineWatch;
  clock: ManualClock;
  pool: pg.Pool;
}

describe('the deadline watch, on PostgreSQL, with two watchers and a restart', () => {
  let db: TestDatabase;
  let agencies: EventStore;
  const watchers: Watcher[] = [];

  function startWatcher(now: string): Watcher {
    // As the services connect: the app role, which may append and read the store, and owns the deadlines' schema.
    const pool = new pg.Pool({ connectionString: db.appUrl, max: 5 });
    const clock = new ManualClock(now);
    const watcher = { watch: new DeadlineWatch({ pool, db: drizzle({ client: pool }), store: createPostgresEventStore(pool), clock, source }), clock, pool };
    watchers.push(watcher);
    return watcher;
  }

  /** A watcher's process ends: its connections go, and with them its turn at projecting if it held it. */
  async function kill(watcher: Watcher): Promise<void> {
    await watcher.pool.end();
    watchers.splice(watchers.indexOf(watcher), 1);
  }

  async function append<T extends EventType>(stream: string, type: T, caseId: string, day: string, data: Partial<EventData<T>> = {}): Promise<HubEvent<T>> {
    const event = sampleEvent(type, { caseId, time: `${day}T10:00:00.000Z`, data });
    await agencies.appendToStream(stream, [toNewEvent(event)]);
    return event;
  }

  /** A case opened at the social services and referred to the CPI on 21 October, its PSP due on Sunday 20 December 2026. */
  async function referredCase(options: { signedOn?: string; opened?: boolean; dueBy?: string } = {}) {
    const caseId = randomUUID();
    if (options.opened !== false) await append(caseStreamOf('social-services', caseId), 'CaseOpened', caseId, '2026-10-02');
    const referral = await append(caseStreamOf('employment-centre', caseId), 'EmploymentReferralReceived', caseId, '2026-10-21', {
      receivedOn: '2026-10-21',
      servicePactDueBy: options.dueBy ?? '2026-12-20',
    });
    if (options.signedOn) await append(caseStreamOf('employment-centre', caseId), 'ServicePactSigned', caseId, options.signedOn, { signedOn: options.signedOn });
    const deadlineId = derivedEventId(referral.id, `deadline:service-pact:${options.dueBy ?? '2026-12-20'}`);
    return { caseId, referral, deadlineId, missedEventId: derivedEventId(deadlineId, 'DeadlineMissed') };
  }

  /** Every DeadlineMissed in the store, as the case streams hold them. */
  async function missedInStore(caseIds: readonly string[]) {
    const streams = await Promise.all(caseIds.map((caseId) => agencies.readStream(caseStreamOf('social-services', caseId))));
    return streams.flat().filter((e) => e.type === 'DeadlineMissed');
  }

  const everyRecorded = (reports: TickReport[]) => reports.flatMap((r) => r.recorded);

  beforeAll(async () => {
    db = await createTestDatabase('deadlines');
    await provisionEventStore(db.pool);
    agencies = createPostgresEventStore(db.pool);
    // The service's start: its migrations, as the app role.
    const { pool } = await connectDeadlines(db.appUrl);
    await pool.end();
  });

  afterAll(async () => {
    await Promise.all(watchers.map((w) => w.watch.stop().then(() => w.pool.end())));
    await db.drop();
  });

  it('when two watchers race on the same due deadlines › each missed PSP is recorded once, the PSPs signed on time never, and a restarted watcher records only what is new', async () => {
    const unsigned = await Promise.all(Array.from({ length: 12 }, () => referredCase()));
    const onTime = await Promise.all(Array.from({ length: 4 }, () => referredCase({ signedOn: '2026-12-21' })));
    const late = await referredCase({ signedOn: '2026-12-23' });
    const neverOpened = await referredCase({ opened: false });
    const everyCase = [...unsigned, ...onTime, late, neverOpened].map((c) => c.caseId);
    const a = startWatcher('2026-12-21T22:30:00.000Z'); // 23:30 in Rome: still the PSP's last day on time (Sunday's due date moved to Monday)
    const b = startWatcher('2026-12-21T22:30:00.000Z');

    const onLastDay = await Promise.all([a.watch.tick(), b.watch.tick()]);

    expect(everyRecorded(onLastDay)).toEqual([]);
    expect(await missedInStore(everyCase)).toEqual([]);

    // Midnight in Rome: 22 December. Both watchers tick at once, twice each.
    a.clock.set('2026-12-21T23:00:00.000Z');
    b.clock.set('2026-12-21T23:00:00.000Z');
    const racing = await Promise.all([a.watch.tick(), b.watch.tick(), a.watch.tick(), b.watch.tick()]);

    const missed = await missedInStore(everyCase);
    const expected = [...unsigned, late];
    expect(missed.map((e) => e.id).sort()).toEqual(expected.map((c) => c.missedEventId).sort());
    expect(missed.map((e) => e.streamId).sort()).toEqual(expected.map((c) => caseStreamOf('social-services', c.caseId)).sort());
    const lateMissed = missed.find((e) => e.id === late.missedEventId)!;
    expect(lateMissed.data).toEqual({
      deadlineId: late.deadlineId,
      rule: 'service-pact',
      dueOn: '2026-12-21',
      openedBy: { eventId: late.referral.id, type: 'EmploymentReferralReceived' },
      awaited: ['ServicePactSigned'],
      detectedOn: '2026-12-22',
    });
    expect(lateMissed.metadata).toMatchObject({ source, subject: late.caseId });
    // The case never opened at the social services has no stream to record on: its case's rule refuses it.
    expect(racing.flatMap((r) => r.refused)).toContain(neverOpened.deadlineId);
    expect(await agencies.readStream(caseStreamOf('social-services', neverOpened.caseId))).toEqual([]);

    // The watchers see what they recorded: the operator's view (the table) says missed, closed or open.
    await Promise.all([a.watch.tick(), b.watch.tick()]);
    const { rows } = await db.pool.query<{ case_id: string; status: string; missed_event_id: string | null }>(
      'SELECT case_id, status, missed_event_id FROM deadlines.deadlines',
    );
    const statusOf = (caseId: string) => rows.find((r) => r.case_id === caseId)?.status;
    expect(unsigned.map((c) => statusOf(c.caseId))).toEqual(unsigned.map(() => 'missed'));
    expect(onTime.map((c) => statusOf(c.caseId))).toEqual(onTime.map(() => 'closed'));
    expect(statusOf(late.caseId)).toBe('missed');
    expect(statusOf(neverOpened.caseId)).toBe('open');

    // Watcher A's process ends; new cases come; it starts again, a day later, next to B.
    await a.watch.stop();
    await kill(a);
    const dueLater = await Promise.all(Array.from({ length: 3 }, () => referredCase({ dueBy: '2026-12-22' })));
    const restarted = startWatcher('2026-12-22T23:00:00.000Z');
    b.clock.set('2026-12-22T23:00:00.000Z');

    const afterRestart = await Promise.all([restarted.watch.tick(), b.watch.tick()]);

    const all = await missedInStore([...everyCase, ...dueLater.map((c) => c.caseId)]);
    expect(all.map((e) => e.id).sort()).toEqual([...expected, ...dueLater].map((c) => c.missedEventId).sort());
    expect(everyRecorded(afterRestart).sort()).toEqual(dueLater.map((c) => c.deadlineId).sort());
  });

  it('when a watcher dies while it holds the turn at projecting › the other projects and records without it', async () => {
    const { caseId, deadlineId, missedEventId } = await referredCase({ dueBy: '2026-12-10' });
    const dying = startWatcher('2026-12-15T09:00:00.000Z');
    const survivor = startWatcher('2026-12-15T09:00:00.000Z');
    // The dying watcher's session takes the turn, then its process is gone without letting go.
    const session = await dying.pool.connect();
    await session.query('SELECT pg_advisory_lock(hashtext($1))', ['deadlines:projection']);
    session.release(true);
    await kill(dying);

    const report = await survivor.watch.tick();

    expect(report.recorded).toContain(deadlineId);
    expect((await missedInStore([caseId])).map((e) => e.id)).toEqual([missedEventId]);
  });
});
