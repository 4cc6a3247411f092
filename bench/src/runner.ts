/**
 * One store's process: a fresh heap, and no global state shared with another
 * store's client library (Emmett's dumbo resets pg's type parsers). It runs
 * the parent's commands one at a time: append scenarios in the append
 * database, then seed, read-all and verify over the log database.
 */
import { loadConfig, STORE_NAMES, type StoreName } from './config.js';
import { horizonHolder, runSql } from './database.js';
import type { Command, Reply } from './protocol.js';
import { Appender, APPEND_SCENARIOS, MAX_WRITERS, measureAppends, measureReadAll, measureSeal, measureVerify, seed, type Measured } from './scenarios.js';
import { progress } from './stats.js';
import { emmettStore } from './stores/emmett.js';
import { floorStore } from './stores/floor.js';
import { oursStore } from './stores/ours.js';
import type { BenchStore } from './stores/store.js';

const factories: Record<StoreName, (url: string, poolSize: number) => BenchStore> = {
  ours: oursStore,
  emmett: emmettStore,
  floor: floorStore,
};

const [name, appendUrl, logUrl] = process.argv.slice(2) as [StoreName, string, string];
if (!STORE_NAMES.includes(name) || !appendUrl || !logUrl || !process.send) {
  console.error('usage: forked by event-store.bench.js with <ours|emmett|floor> <append database url> <log database url>');
  process.exit(2);
}
const config = loadConfig();
const latencies = new Map<string, number[]>();
let appendStore: Promise<Appender> | undefined;
let logStore: Promise<Appender> | undefined;

async function open(url: string): Promise<Appender> {
  const store = factories[name](url, MAX_WRITERS + 2);
  await store.setup();
  return new Appender(store);
}

async function execute(command: Command): Promise<Measured | null> {
  switch (command.kind) {
    case 'append': {
      const appender = await (appendStore ??= open(appendUrl));
      const scenario = APPEND_SCENARIOS.find((s) => s.name === command.scenario)!;
      const samples = latencies.get(scenario.name) ?? [];
      latencies.set(scenario.name, samples);
      return measureAppends(appender, scenario, config, samples);
    }
    case 'seed': {
      // The append database is done with: close it before the log's work.
      await closeStore(appendStore);
      appendStore = undefined;
      const appender = await (logStore ??= open(logUrl));
      await seed(appender, config);
      progress(name, 'VACUUM ANALYZE before reading');
      await runSql(logUrl, 'VACUUM ANALYZE');
      return null;
    }
    case 'read-all': {
      const appender = await logStore!;
      return measureReadAll(appender.store, appender.appended, config, () => horizonHolder(logUrl));
    }
    case 'seal': {
      const appender = await logStore!;
      return measureSeal(appender.store, appender.appended);
    }
    case 'verify': {
      const appender = await logStore!;
      return measureVerify(appender.store, appender.appended);
    }
    case 'close':
      await Promise.all([closeStore(appendStore), closeStore(logStore)]);
      appendStore = logStore = undefined;
      return null;
  }
}

async function closeStore(store: Promise<Appender> | undefined): Promise<void> {
  if (store) await (await store).store.close();
}

process.on('message', (command: Command) => {
  execute(command).then(
    (value) => process.send!({ ok: true, value } satisfies Reply),
    (error: unknown) => {
      console.error(`[${name}] ${command.kind} failed:`, error);
      process.send!({ ok: false, error: error instanceof Error ? error.message : String(error) } satisfies Reply);
    },
  );
});
// The parent disconnects once `close` has replied: then nothing keeps this process alive.
process.on('disconnect', () => {
  void Promise.all([closeStore(appendStore), closeStore(logStore)]).finally(() => process.exit());
});
