/**
 * `npm run bench:access-log`: what recording an access costs a read (issue 10,
 * item 5). On one store as the services run it (personal data sealed, chain
 * keys), it times the read of a case's stream alone, with `record` (queued,
 * appended in batches) and with `recordDurably` (the read waits for its
 * record), the three interleaved read by read so load from elsewhere falls on
 * all alike; then how many records per second the log appends. See bench/README.md.
 */
import { demoClients, type Caller } from '@traiettorie/access';
import { createAccessLog, type AccessEntry } from '@traiettorie/access-log';
import { toNewEvent } from '@traiettorie/command-handling';
import { catalogueClassification, dataSchemaOf, definitionOf, sourceOf, type EventType } from '@traiettorie/contracts';
import {
  createChainKeys,
  createConfigKeyWrapper,
  createPostgresEventStore,
  migrateEventStore,
  type EventStore,
} from '@traiettorie/event-store';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDatabase, dropDatabase, serverVersion } from './database.js';
import { fmtInt, fmtMs, now, percentile, progress } from './stats.js';

const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
};
const adminUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const config = {
  cases: int('BENCH_CASES', 200),
  readsPerMode: int('BENCH_READS', 3_000),
  readers: int('BENCH_READERS', 8),
  records: int('BENCH_RECORDS', 20_000),
  flushMs: int('BENCH_FLUSH_MS', 50),
  maxBatch: int('BENCH_MAX_BATCH', 500),
};
const CUSTODIAN = sourceOf('social-services', 'ambito-sesto-san-giovanni');
const caseEvents: EventType[] = ['CaseOpened', 'AssessmentCompleted', 'PactSigned', 'SupportActivated', 'PeriodicCheckCompleted'];

const modes = ['read', 'read+record', 'read+recordDurably'] as const;
type Mode = (typeof modes)[number];

function caller(i: number): Caller {
  const client = demoClients.find((c) => c.clientId === 'ss-sesto')!;
  return {
    client,
    purposeId: client.purposes[0]!,
    voucherId: randomUUID(),
    operator: { userID: `op-sesto-${i % 40}`, userLocation: 'sesto-san-giovanni/segretariato-sociale/pc-04', LoA: 'SpidL2' },
  };
}

/** A case's stream: a few social-services events built from the contracts' examples, personal fields sealed. */
async function seedCase(store: EventStore, caseId: string, personRef: string): Promise<void> {
  const events = caseEvents.map((type) =>
    toNewEvent({
      specversion: '1.0',
      id: randomUUID(),
      source: CUSTODIAN,
      type,
      time: new Date().toISOString(),
      subject: caseId,
      datacontenttype: 'application/json',
      dataschema: dataSchemaOf(definitionOf(type)),
      ambito: 'LOM-SESTO-SAN-GIOVANNI',
      personref: personRef,
      legalbasis: 'DL-48-2023-art-4',
      data: definitionOf(type).example,
    }),
  );
  await store.appendToStream(`case-${caseId}`, events);
}

function entryOf(caseId: string, personRef: string, i: number): AccessEntry {
  return {
    caller: caller(i),
    case: { id: caseId, ambito: 'LOM-SESTO-SAN-GIOVANNI', personRef, custodian: CUSTODIAN },
    route: 'GET /cases/{caseId}/events',
    disclosed: ['AssessmentCompleted:$.dimensionScores', 'PactSigned:$.boundMembers', 'PactSigned:$.objectives[*].description'],
    redacted: [],
    outcome: 'disclosed',
  };
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { reads: sorted.length, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), meanMs: sorted.reduce((a, b) => a + b, 0) / sorted.length };
}

const database = `bench_access_log_${randomBytes(4).toString('hex')}`;
const url = new URL(adminUrl);
url.pathname = `/${database}`;
await createDatabase(adminUrl, database);
const pool = new pg.Pool({ connectionString: url.toString(), max: config.readers + 4 });
try {
  await migrateEventStore(pool);
  const store = createPostgresEventStore(pool, {
    personalData: catalogueClassification,
    keyEncryptionKey: createConfigKeyWrapper([{ id: 'bench-kek', key: randomBytes(32) }]),
    chainKeys: createChainKeys([{ id: 'bench-chain', key: randomBytes(32) }]),
  });
  let appends = 0;
  const counted = Object.assign(Object.create(store) as EventStore, {
    appendToStream: (...args: Parameters<EventStore['appendToStream']>) => {
      appends++;
      return store.appendToStream(...args);
    },
  });

  progress('access-log', `seeding ${config.cases} cases of ${caseEvents.length} events`);
  const cases = Array.from({ length: config.cases }, (_, i) => ({ id: randomUUID(), personRef: `P-SSG-2026-${String(i).padStart(4, '0')}` }));
  for (const c of cases) await seedCase(store, c.id, c.personRef);

  const accessLog = createAccessLog(counted, { flushMs: config.flushMs, maxBatch: config.maxBatch });
  const samples: Record<Mode, number[]> = { read: [], 'read+record': [], 'read+recordDurably': [] };
  progress('access-log', `${config.readers} readers, ${fmtInt(config.readsPerMode)} reads per mode, modes interleaved`);
  let next = 0;
  const total = config.readsPerMode * modes.length;
  await Promise.all(
    Array.from({ length: config.readers }, async () => {
      for (let i = next++; i < total; i = next++) {
        const mode = modes[i % modes.length]!;
        const c = cases[i % cases.length]!;
        const started = now();
        const events = await store.readStream(`case-${c.id}`);
        if (events.length !== caseEvents.length) throw new Error(`case ${c.id}: read ${events.length} events`);
        if (mode === 'read+record') accessLog.record(entryOf(c.id, c.personRef, i));
        if (mode === 'read+recordDurably') await accessLog.recordDurably(entryOf(c.id, c.personRef, i));
        samples[mode].push(now() - started);
      }
    }),
  );
  await accessLog.flush();
  const readPhaseRecords = config.readsPerMode * 2;
  const readPhaseAppends = appends;

  progress('access-log', `recording ${fmtInt(config.records)} accesses as fast as they come, then flushing`);
  appends = 0;
  const throughputLog = createAccessLog(counted, { flushMs: config.flushMs, maxBatch: config.maxBatch });
  const started = now();
  let inRecord = 0;
  for (let i = 0; i < config.records; i++) {
    const c = cases[i % cases.length]!;
    const entry = entryOf(c.id, c.personRef, i);
    const before = now();
    throughputLog.record(entry);
    inRecord += now() - before;
    // Let the batches go out while recording, as a service's event loop would.
    if (i % config.maxBatch === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await throughputLog.close();
  const seconds = (now() - started) / 1000;
  await accessLog.close();

  const sealed = await store.seal();
  const verified = await store.verify();
  if (!verified.ok) throw new Error(`the chain does not verify: ${JSON.stringify(verified.firstBreak)}`);

  const latency = Object.fromEntries(modes.map((m) => [m, summary(samples[m])])) as Record<Mode, ReturnType<typeof summary>>;
  const result = {
    latency,
    recordOverheadMs: {
      p50: latency['read+record'].p50Ms - latency.read.p50Ms,
      p99: latency['read+record'].p99Ms - latency.read.p99Ms,
    },
    readPhase: { records: readPhaseRecords, appends: readPhaseAppends },
    /** The read's own cost of `record()`: checking the entry against the contract and queueing it. */
    recordCallMeanMs: inRecord / config.records,
    throughput: { records: config.records, seconds, recordsPerSecond: config.records / seconds, appends, recordsPerAppend: config.records / appends },
    chain: { sealed: sealed.sealed, verified: verified.verified, ok: verified.ok },
    config,
    meta: { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, postgres: await serverVersion(adminUrl) },
  };

  console.log('\nread of a case stream (5 events), ms        p50      p99     mean');
  for (const m of modes) {
    const l = latency[m];
    console.log(`  ${m.padEnd(40)} ${fmtMs(l.p50Ms).padStart(8)} ${fmtMs(l.p99Ms).padStart(8)} ${fmtMs(l.meanMs).padStart(8)}`);
  }
  console.log(`  a record() call itself (contract check, envelope, queue): ${(result.recordCallMeanMs * 1000).toFixed(0)} µs on average`);
  console.log(`  record() adds p50 ${fmtMs(result.recordOverheadMs.p50)} ms, p99 ${fmtMs(result.recordOverheadMs.p99)} ms`);
  console.log(`  during the reads: ${fmtInt(readPhaseRecords)} records in ${fmtInt(readPhaseAppends)} appends`);
  console.log(
    `access log: ${fmtInt(result.throughput.recordsPerSecond)} records/s appended (${fmtInt(config.records)} in ${seconds.toFixed(2)} s, ` +
      `${fmtInt(appends)} appends, ${result.throughput.recordsPerAppend.toFixed(0)} records each); chain verifies over ${fmtInt(verified.verified)} events`,
  );
  const file = path.resolve(import.meta.dirname, '../results/access-log.json');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written ${path.relative(process.cwd(), file)}`);
} finally {
  await pool.end();
  await dropDatabase(adminUrl, database);
}
