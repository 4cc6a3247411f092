import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoClients, type Caller } from '@traiettorie/access';
import { catalogueClassification, parseEvent } from '@traiettorie/contracts';
import { toCloudEvent } from '@traiettorie/command-handling';
import {
  createChainKeys,
  createConfigKeyWrapper,
  createPostgresEventStore,
  migrateEventStore,
  type EventStore,
} from '@traiettorie/event-store';
import { createTestDatabase, waitFor, type TestDatabase } from '@traiettorie/testing';
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { accessLogStreamOf, type AccessEntry } from './access-entry.js';
import { AccessLogUnavailableError, createAccessLog } from './access-log.js';
import { readAccessLog, type AccessLogQuery } from './read-access-log.js';

const ssSesto = demoClients.find((c) => c.clientId === 'ss-sesto')!;
const auditor = demoClients.find((c) => c.kind === 'auditor')!;

function callerOf(client = ssSesto, operator = 'op-sesto-017'): Caller {
  return {
    client,
    purposeId: client.purposes[0]!,
    voucherId: randomUUID(),
    operator: { userID: operator, userLocation: 'sesto-san-giovanni/segretariato-sociale/pc-04', LoA: 'SpidL2' },
  };
}

function entryFor(personRef: string, caseId: string, caller = callerOf()): AccessEntry {
  return {
    caller,
    case: { id: caseId, ambito: 'LOM-SESTO-SAN-GIOVANNI', personRef, custodian: '/agencies/social-services/ambito-sesto-san-giovanni' },
    route: 'GET /cases/{caseId}/events',
    disclosed: ['AssessmentCompleted:$.dimensionScores', 'PactSigned:$.boundMembers'],
    redacted: ['SpecialistServiceInvolved:$.serviceCategory'],
    outcome: 'redacted',
  };
}

/**
 * The access log as an auditor reads it: through the global log, which shows
 * a commit once every older transaction on the server has ended.
 */
function auditedOnceAll(store: EventStore, query: AccessLogQuery, count: number) {
  return waitFor(
    () => readAccessLog(store, query),
    (records) => records.length >= count,
    { what: `${count} access records`, timeoutMs: 10_000, intervalMs: 20 },
  );
}

/** The real store, counting its appends. */
function counting(store: EventStore): { store: EventStore; appends: () => number } {
  let appends = 0;
  const counted = Object.assign(Object.create(store) as EventStore, {
    appendToStream: (...args: Parameters<EventStore['appendToStream']>) => {
      appends++;
      return store.appendToStream(...args);
    },
  });
  return { store: counted, appends: () => appends };
}

const kek = randomBytes(32);

describe('the access log: every read of personal data is itself an event', () => {
  let db: TestDatabase;
  let store: EventStore;
  beforeAll(async () => {
    db = await createTestDatabase('access_log');
    await migrateEventStore(db.pool);
    store = createPostgresEventStore(db.pool, {
      personalData: catalogueClassification,
      keyEncryptionKey: createConfigKeyWrapper([{ id: 'kek-test', key: kek }]),
      chainKeys: createChainKeys([{ id: 'chain-test', key: randomBytes(32) }]),
    });
  });
  afterAll(() => db.drop());

  it('N reads become N PersonalDataAccessed events carrying each operator, in fewer appends than reads; the chain verifies', async () => {
    const caseId = randomUUID();
    const { store: counted, appends } = counting(store);
    const accessLog = createAccessLog(counted, { flushMs: 20, maxBatch: 50 });
    const reads = 120;
    for (let i = 0; i < reads; i++) accessLog.record(entryFor('P-SSG-2026-0042', caseId, callerOf(ssSesto, `op-sesto-${String(i).padStart(3, '0')}`)));
    await accessLog.close();

    const records = await auditedOnceAll(store, { caseId }, reads);
    expect(records).toHaveLength(reads);
    expect(records.map((r) => (r.data['operator'] as { userID: string }).userID)).toEqual(
      Array.from({ length: reads }, (_, i) => `op-sesto-${String(i).padStart(3, '0')}`),
    );
    expect(records[0]).toMatchObject({
      personRef: 'P-SSG-2026-0042',
      ambito: 'LOM-SESTO-SAN-GIOVANNI',
      erased: [],
      data: { reader: { clientId: 'ss-sesto', kind: 'social-services', agencyId: 'ambito-sesto-san-giovanni' }, outcome: 'redacted' },
    });
    expect(appends()).toBeLessThan(reads);
    expect(appends()).toBeGreaterThanOrEqual(Math.ceil(reads / 50));
    // Every stored record is a valid event of the contract, on the day's access-log stream.
    const stream = await store.readStream(accessLogStreamOf(records[0]!.time));
    for (const stored of stream.filter((s) => s.metadata['subject'] === caseId)) {
      expect(parseEvent(toCloudEvent(stored)).type).toBe('PersonalDataAccessed');
    }
    await store.seal();
    expect(await store.verify()).toMatchObject({ ok: true });
  });

  it('close() appends what was still waiting: nothing recorded before it is lost, and nothing is recorded after it', async () => {
    const caseId = randomUUID();
    const accessLog = createAccessLog(store, { flushMs: 60_000, maxBatch: 10_000 });
    for (let i = 0; i < 7; i++) accessLog.record(entryFor('P-SSG-2026-0077', caseId));
    expect(accessLog.pending()).toBe(7);
    expect(await readAccessLog(store, { caseId })).toHaveLength(0);
    await accessLog.close();
    expect(accessLog.pending()).toBe(0);
    expect(await auditedOnceAll(store, { caseId }, 7)).toHaveLength(7);
    expect(() => accessLog.record(entryFor('P-SSG-2026-0077', caseId))).toThrow(AccessLogUnavailableError);
  });

  it('an entry the contract refuses is refused at record() and never stored', async () => {
    const caseId = randomUUID();
    const accessLog = createAccessLog(store, { flushMs: 10 });
    const refusedButDisclosing: AccessEntry = { ...entryFor('P-SSG-2026-0099', caseId), outcome: 'refused', redacted: [] };
    expect(() => accessLog.record(refusedButDisclosing)).toThrow(/a refused read discloses nothing/);
    await accessLog.close();
    expect(await readAccessLog(store, { caseId })).toHaveLength(0);
  });

  it('an append the store refuses is logged and retried until it succeeds; the read that recorded it never waited', async () => {
    const caseId = randomUUID();
    let failures = 2;
    const flaky = Object.assign(Object.create(store) as EventStore, {
      appendToStream: (...args: Parameters<EventStore['appendToStream']>) =>
        failures-- > 0 ? Promise.reject(new Error('connection terminated unexpectedly')) : store.appendToStream(...args),
    });
    const logged: string[] = [];
    const accessLog = createAccessLog(flaky, { flushMs: 5, retryMs: 10, log: (message) => logged.push(message) });
    const started = performance.now();
    accessLog.record(entryFor('P-SSG-2026-0101', caseId));
    expect(performance.now() - started).toBeLessThan(50);
    await accessLog.flush();
    expect(logged).toEqual(['appending the access log failed; retrying', 'appending the access log failed; retrying']);
    expect(await auditedOnceAll(store, { caseId }, 1)).toHaveLength(1);
    await accessLog.close();
  });

  it('recordDurably resolves once the record is in the store, and gives up after its timeout when the store takes nothing', async () => {
    const caseId = randomUUID();
    const accessLog = createAccessLog(store, { flushMs: 60_000 });
    await accessLog.recordDurably(entryFor('P-SSG-2026-0102', caseId, callerOf(auditor, 'ispettore-garante-03')));
    // Durable: the day's stream holds it the moment recordDurably resolves.
    const today = await store.readStream(accessLogStreamOf(new Date().toISOString()));
    expect(today.filter((e) => e.metadata['subject'] === caseId).map((e) => e.data)).toMatchObject([
      { reader: { clientId: auditor.clientId, kind: 'auditor' }, operator: { userID: 'ispettore-garante-03' } },
    ]);
    await accessLog.close();

    const down = Object.assign(Object.create(store) as EventStore, { appendToStream: () => Promise.reject(new Error('database is down')) });
    const stuck = createAccessLog(down, { retryMs: 10, log: () => {} });
    await expect(stuck.recordDurably(entryFor('P-SSG-2026-0102', caseId), 100)).rejects.toThrow(AccessLogUnavailableError);
  });

  it('past maxBuffered unwritten entries record() refuses, so the read is refused rather than unlogged', () => {
    const down = Object.assign(Object.create(store) as EventStore, { appendToStream: () => new Promise<never>(() => {}) });
    const accessLog = createAccessLog(down, { maxBuffered: 3, flushMs: 1 });
    for (let i = 0; i < 3; i++) accessLog.record(entryFor('P-SSG-2026-0103', randomUUID()));
    expect(() => accessLog.record(entryFor('P-SSG-2026-0103', randomUUID()))).toThrow(AccessLogUnavailableError);
  });

  it('forgetting the read person erases the personal fields of their access records; who read, when, why and through which voucher stay readable', async () => {
    const caseId = randomUUID();
    const other = randomUUID();
    const accessLog = createAccessLog(store, { flushMs: 10 });
    accessLog.record(entryFor('P-SSG-2026-0500', caseId));
    accessLog.record(entryFor('P-SSG-2026-0500', caseId, callerOf(auditor, 'ispettore-garante-03')));
    accessLog.record(entryFor('P-SSG-2026-0501', other));
    await accessLog.close();
    await auditedOnceAll(store, { caseId: other }, 1);
    const before = await readAccessLog(store, { personRef: 'P-SSG-2026-0500' });
    expect(before).toHaveLength(2);

    expect(await store.forget('P-SSG-2026-0500')).toBe(true);

    const after = await readAccessLog(store, { caseId });
    expect(after).toHaveLength(2);
    for (const [i, record] of after.entries()) {
      expect(record.personRef).toBeNull();
      expect(record.data).toMatchObject({
        reader: before[i]!.data['reader'],
        purposeId: before[i]!.data['purposeId'],
        voucherId: before[i]!.data['voucherId'],
        route: 'GET /cases/{caseId}/events',
        operator: { userID: null, userLocation: null, LoA: 'SpidL2' },
        disclosed: null,
        redacted: null,
        outcome: null,
      });
      expect(record.time).toBe(before[i]!.time);
      expect([...record.erased].sort()).toEqual(
        ['data.disclosed', 'data.operator.userID', 'data.operator.userLocation', 'data.outcome', 'data.redacted', 'metadata.personref'].sort(),
      );
    }
    // Another person's records are untouched.
    expect((await readAccessLog(store, { caseId: other }))[0]).toMatchObject({ personRef: 'P-SSG-2026-0501', erased: [] });
    await store.seal();
    expect(await store.verify()).toMatchObject({ ok: true });
  });

  it('npm run access-log -- --case lists who read the case, with the operator, purpose and fields; a forgotten person shows (erased)', async () => {
    const caseId = randomUUID();
    const accessLog = createAccessLog(store, { flushMs: 10 });
    accessLog.record(entryFor('P-SSG-2026-0600', caseId, callerOf(ssSesto, 'op-sesto-021')));
    await accessLog.close();
    await auditedOnceAll(store, { caseId }, 1);
    const cli = fileURLToPath(new URL('./cli.js', import.meta.url));
    const env = { ...process.env, DATABASE_URL: db.url, TRAIETTORIE_KEK: `kek-test:${kek.toString('base64')}` };
    const run = () => promisify(execFile)(process.execPath, [cli, '--case', caseId], { env });

    const { stdout, stderr } = await run();
    expect(stderr).toContain('1 access record(s)');
    expect(stdout).toContain(`case ${caseId} | person P-SSG-2026-0600 | reader ss-sesto (social-services ambito-sesto-san-giovanni)`);
    expect(stdout).toContain('operator op-sesto-021 at sesto-san-giovanni/segretariato-sociale/pc-04 SpidL2');
    expect(stdout).toContain('GET /cases/{caseId}/events | outcome redacted | disclosed AssessmentCompleted:$.dimensionScores PactSigned:$.boundMembers');

    await store.forget('P-SSG-2026-0600');
    const erased = (await run()).stdout;
    expect(erased).toContain('person (erased) | reader ss-sesto');
    expect(erased).toContain('operator (erased) at (erased) SpidL2');
    expect(erased).not.toContain('op-sesto-021');
  });
});
