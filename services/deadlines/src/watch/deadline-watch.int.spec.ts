import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { derivedEventId, toNewEvent } from '@traiettorie/command-handling';
import { demoClients, type Caller } from '@traiettorie/access';
import { caseStreamOf, ForbiddenError, sourceOf, type EventData, type EventType, type HubEvent } from '@traiettorie/contracts';
import { createPostgresEventStore, LOG_START, provisionEventStore, type EventStore } from '@traiettorie/event-store';
import { AccessLogging, ManualClock } from '@traiettorie/nest-kit';
import { createTestDatabase, sampleEvent, waitFor, type TestDatabase } from '@traiettorie/testing';
import { drizzle } from 'drizzle-orm/node-postgres';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { connectDeadlines } from '../database.module.js';
import { DeadlinesController } from '../deadlines-read/deadlines.controller.js';
import { DeadlineWatch, type TickReport } from './deadline-watch.js';

const source = sourceOf('social-services', 'deadline-watch');

/** A watcher as a deployment runs one: its own connections, its own clock, the same database. */
interface Watcher {
  watch: DeadlineWatch;
  clock: ManualClock;
  pool: pg.Pool;
}

describe('the deadline watch, on PostgreSQL: two watchers, a restart, and the operators\' view', () => {
  let db: TestDatabase;
  let agencies: EventStore;
  const watchers: Watcher[] = [];

  function startWatcher(now: string): Watcher {
    // As the services connect: the app role, which may append and read the store, and owns the deadlines' schema.
    const pool = new pg.Pool({ connectionString: db.appUrl, max: 5 });
    // As the service's pool (createPgPool): an idle connection the server ends is dropped, not fatal.
    pool.on('error', () => {});
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

  const appended: string[] = [];
  async function append<T extends EventType>(stream: string, type: T, caseId: string, day: string, data: Partial<EventData<T>> = {}): Promise<HubEvent<T>> {
    const event = sampleEvent(type, { caseId, time: `${day}T10:00:00.000Z`, data });
    await agencies.appendToStream(stream, [toNewEvent(event)]);
    appended.push(event.id);
    return event;
  }

  /**
   * Waits until the global log shows these events (by default, every event appended so far): it shows a commit
   * once every older transaction on the server has ended (ADR 2), and other suites share the server.
   */
  async function untilTheLogShows(ids: readonly string[] = appended): Promise<void> {
    await waitFor(
      async () => new Set((await agencies.readAll({ after: LOG_START, limit: 100_000 })).events.map((e) => e.id)),
      (shown) => ids.every((id) => shown.has(id)),
      { what: 'the global log to show the events appended' },
    );
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
    // Closed after its PSP fell due (a closure closes every deadline of the case: nothing is recorded on a closed case).
    const closedLate = await referredCase();
    await append(caseStreamOf('social-services', closedLate.caseId), 'CaseClosed', closedLate.caseId, '2026-12-23', { closedOn: '2026-12-23', reason: 'employed' });
    const everyCase = [...unsigned, ...onTime, late, neverOpened, closedLate].map((c) => c.caseId);
    await untilTheLogShows();
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
    // The case never opened at the social services, and the case closed, are refused by the case's rule.
    expect(new Set(racing.flatMap((r) => r.refused))).toEqual(new Set([neverOpened.deadlineId, closedLate.deadlineId]));
    expect(await agencies.readStream(caseStreamOf('social-services', neverOpened.caseId))).toEqual([]);

    // The watchers see what they recorded: the operator's view (the table) says missed, closed or open.
    await untilTheLogShows(missed.map((e) => e.id));
    await Promise.all([a.watch.tick(), b.watch.tick()]);
    const { rows } = await db.pool.query<{ case_id: string; status: string; missed_event_id: string | null }>(
      'SELECT case_id, status, missed_event_id FROM deadlines.deadlines',
    );
    const statusOf = (caseId: string) => rows.find((r) => r.case_id === caseId)?.status;
    expect(unsigned.map((c) => statusOf(c.caseId))).toEqual(unsigned.map(() => 'missed'));
    expect(onTime.map((c) => statusOf(c.caseId))).toEqual(onTime.map(() => 'closed'));
    expect(statusOf(late.caseId)).toBe('missed');
    expect(statusOf(neverOpened.caseId)).toBe('open');
    expect(statusOf(closedLate.caseId)).toBe('closed');

    // Watcher A's process ends; new cases come; it starts again, a day later, next to B.
    await a.watch.stop();
    await kill(a);
    const dueLater = await Promise.all(Array.from({ length: 3 }, () => referredCase({ dueBy: '2026-12-22' })));
    await untilTheLogShows();
    const restarted = startWatcher('2026-12-22T23:00:00.000Z');
    b.clock.set('2026-12-22T23:00:00.000Z');

    const afterRestart = await Promise.all([restarted.watch.tick(), b.watch.tick()]);

    const all = await missedInStore([...everyCase, ...dueLater.map((c) => c.caseId)]);
    expect(all.map((e) => e.id).sort()).toEqual([...expected, ...dueLater].map((c) => c.missedEventId).sort());
    expect(everyRecorded(afterRestart).sort()).toEqual(dueLater.map((c) => c.deadlineId).sort());
  });

  it('when a watcher dies while it holds the turn at projecting › the other projects and records without it', async () => {
    const { caseId, deadlineId, missedEventId } = await referredCase({ dueBy: '2026-12-10' });
    await untilTheLogShows();
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

  it('when the PSP is signed on its last day and stored, but the global log does not show it yet › no DeadlineMissed is recorded', async () => {
    const { caseId } = await referredCase({ dueBy: '2026-11-30' });
    await untilTheLogShows();
    const watcher = startWatcher('2026-11-30T23:30:00.000Z'); // 1 December in Rome
    // A transaction begun before the signing and still open: the global log shows nothing committed after it (ADR 2).
    const holder = await db.pool.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT pg_current_xact_id()');
    try {
      await append(caseStreamOf('employment-centre', caseId), 'ServicePactSigned', caseId, '2026-11-30', { signedOn: '2026-11-30' });

      const report = await watcher.watch.tick();

      expect(report.recorded).toEqual([]);
      expect(await missedInStore([caseId])).toEqual([]);
    } finally {
      await holder.query('COMMIT');
      holder.release();
    }
    await untilTheLogShows();
    await watcher.watch.tick();
    const { rows } = await db.pool.query<{ status: string }>('SELECT status FROM deadlines.deadlines WHERE case_id = $1', [caseId]);
    expect(rows).toEqual([{ status: 'closed' }]);
  });

  it('when an operator of the case\'s Ambito asks for its deadlines › they are listed with their due dates, the missed one naming its DeadlineMissed; another Ambito is refused', async () => {
    const { caseId, deadlineId, missedEventId, referral } = await referredCase();
    await append(caseStreamOf('social-services', caseId), 'CaseTakenInCharge', caseId, '2026-10-02', { takenInChargeOn: '2026-10-02' });
    await untilTheLogShows();
    const watcher = startWatcher('2026-12-22T09:00:00.000Z');
    await watcher.watch.tick();
    await untilTheLogShows([missedEventId]);
    await watcher.watch.tick();
    const accessLog = new AccessLogging(agencies);
    const route = new DeadlinesController({ db: drizzle({ client: watcher.pool }) }, accessLog);
    const operator = { userID: 'op-sesto-017', userLocation: 'Sesto San Giovanni', LoA: 'substantial' };
    const callerOf = (clientId: string): Caller => {
      const client = demoClients.find((c) => c.clientId === clientId)!;
      return { client, purposeId: client.purposes[0]!, voucherId: randomUUID(), operator };
    };

    const seen = await route.ofCase({ caseId }, callerOf('ss-sesto'));

    expect(seen).toEqual({
      caseId,
      deadlines: [
        {
          deadlineId,
          rule: 'service-pact',
          label: 'Patto di servizio personalizzato entro 60 giorni dall’invio al CPI',
          status: 'missed',
          dueOn: '2026-12-20',
          effectiveDueOn: '2026-12-21',
          openedBy: { eventId: referral.id, type: 'EmploymentReferralReceived' },
          awaited: ['ServicePactSigned'],
          missed: { eventId: missedEventId, detectedOn: '2026-12-22' },
        },
        expect.objectContaining({ rule: 'periodic-check', status: 'open', dueOn: '2026-12-31', effectiveDueOn: '2026-12-31' }),
      ],
    });
    expect((await route.ofCase({ caseId, status: 'open' }, callerOf('ss-sesto'))).deadlines.map((d) => d.rule)).toEqual(['periodic-check']);
    await expect(route.ofCase({ caseId }, callerOf('ss-adda'))).rejects.toThrow(ForbiddenError);
    await accessLog.onModuleDestroy();
  });
});
