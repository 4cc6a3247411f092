/**
 * `npm run bench:event-store`: our event store vs Emmett's PostgreSQL store vs
 * a plain INSERT floor, on the same PostgreSQL server in the same run. Each
 * store has a process of its own and two fresh databases (one for the append
 * scenarios, one for the log of BENCH_EVENTS events that read-all and verify
 * go over), dropped at the end. The stores take turns scenario by scenario,
 * so load elsewhere on the machine falls on all of them alike.
 * Never part of `npm test`.
 */
import { fileURLToPath } from 'node:url';
import { databaseUrlFor, loadConfig, type StoreName } from './config.js';
import { createDatabase, dropDatabase, runSql, serverVersion } from './database.js';
import type { Command } from './protocol.js';
import { printReport, toRows, writeResults, type StoreRun } from './report.js';
import { APPEND_SCENARIOS, type Measured, type ScenarioName } from './scenarios.js';
import { fmtInt, progress } from './stats.js';
import { StoreProcess } from './store-process.js';

const RESULTS = fileURLToPath(new URL('../results/event-store.json', import.meta.url));

let interrupted = false;
const processes: StoreProcess[] = [];
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    interrupted = true;
    progress('bench', `${signal}: stopping`);
    for (const p of processes) p.kill();
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length === 0 ? null : ((sorted[Math.ceil(mid) - 1]! + sorted[Math.floor(mid)]!) / 2);
};

async function main(): Promise<void> {
  const config = loadConfig();
  const version = await serverVersion(config.databaseUrl);
  const safeUrl = new URL(config.databaseUrl);
  safeUrl.password = '';
  progress(
    'bench',
    `PostgreSQL ${version} at ${safeUrl.host}; ${config.rounds} round(s) of ${config.warmupMs} ms warm-up + ` +
      `${config.durationMs} ms per append scenario; read-all/verify over ${fmtInt(config.events)} events; ` +
      `stores: ${config.stores.join(', ')}`,
  );
  const databases = config.stores.flatMap((store) => ['append', 'log'].map((use) => `bench_es_${store}_${use}_${process.pid}`));
  const runs = new Map<StoreName, StoreRun>();
  const rounds = new Map<string, number[]>(); // `${store}/${scenario}` → events per second of each round
  let failed = false;

  /** Runs one command in one store's process; a failure becomes null and a note, and the run goes on. */
  async function measure(p: StoreProcess, command: Command, scenario?: ScenarioName): Promise<void> {
    if (interrupted) return;
    const run = runs.get(p.store)!;
    const reply = await p.run(command);
    if (!reply.ok) {
      failed = true;
      run.notes.push(`${p.store}: ${command.kind}${scenario ? ` ${scenario}` : ''} failed: ${reply.error}`);
      return;
    }
    if (!scenario) return;
    const value = reply.value as (Measured & { p50Ms?: number; p99Ms?: number; appends?: number }) | null;
    if (value?.note) run.notes.push(`${p.store}: ${value.note}`);
    const key = `${p.store}/${scenario}`;
    rounds.set(key, [...(rounds.get(key) ?? []), ...(value ? [value.eventsPerSecond] : [])]);
    run.eventsPerSecond[scenario] = median(rounds.get(key)!);
    if (value?.p50Ms !== undefined && command.kind === 'append') {
      const ms = (x: number) => Math.round(x * 1000) / 1000;
      run.latency[command.scenario] = { p50Ms: ms(value.p50Ms), p99Ms: ms(value.p99Ms!), appends: value.appends! };
    }
  }

  try {
    for (const database of databases) {
      await dropDatabase(config.databaseUrl, database);
      await createDatabase(config.databaseUrl, database);
    }
    progress('bench', `databases: ${databases.join(', ')}`);
    await runSql(config.databaseUrl, 'CHECKPOINT').catch(() => undefined); // start from a quiet server
    for (const store of config.stores) {
      const url = (use: string) => databaseUrlFor(config.databaseUrl, `bench_es_${store}_${use}_${process.pid}`);
      processes.push(new StoreProcess(store, { append: url('append'), log: url('log') }));
      runs.set(store, { store, eventsPerSecond: {}, latency: {}, notes: [] });
    }
    let turn = 0;
    for (let round = 1; round <= config.rounds; round++) {
      for (const { name } of APPEND_SCENARIOS) {
        if (config.rounds > 1) progress('bench', `round ${round}/${config.rounds}: ${name}`);
        // Each scenario starts with another store, so none is always first or last.
        const order = processes.map((_, i) => processes[(i + turn) % processes.length]!);
        turn++;
        for (const p of order) await measure(p, { kind: 'append', scenario: name }, name);
      }
    }
    for (const p of processes) await measure(p, { kind: 'seed' });
    for (const p of processes) await measure(p, { kind: 'read-all' }, 'read-all');
    for (const p of processes) await measure(p, { kind: 'seal' }, 'seal');
    for (const p of processes) await measure(p, { kind: 'verify' }, 'verify');
  } finally {
    await Promise.all(processes.map((p) => p.stop().catch(() => p.kill())));
    for (const database of databases) await dropDatabase(config.databaseUrl, database).catch(() => undefined);
    progress('bench', 'store processes stopped, databases dropped');
  }
  if (interrupted) {
    process.exitCode = 130;
    return;
  }
  const byStore = Object.fromEntries(runs) as Partial<Record<StoreName, StoreRun>>;
  const rows = toRows(byStore);
  printReport(rows, byStore);
  if (failed) {
    console.log(`\nsomething failed (see the notes): ${RESULTS} left as it was`);
    process.exitCode = 1;
    return;
  }
  await writeResults(RESULTS, rows, {
    latencyMs: Object.fromEntries([...runs.values()].map((r) => [r.store, r.latency])),
    notes: [...runs.values()].flatMap((r) => r.notes),
    meta: {
      date: new Date().toISOString(),
      postgres: version,
      node: process.version,
      events: config.events,
      rounds: config.rounds,
      durationMs: config.durationMs,
      warmupMs: config.warmupMs,
      readBatch: config.readBatch,
      readMaxMs: config.readMaxMs,
      streamLength: config.streamLength,
    },
  });
  console.log(`\nwrote ${RESULTS}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
