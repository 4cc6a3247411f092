/** Everything the bench can be tuned with, from the environment. */
export interface BenchConfig {
  /** Admin connection: the bench creates (and drops) one database per store on this server. */
  databaseUrl: string;
  /** Events in the global log for the read-all and verify scenarios. */
  events: number;
  /** Rounds of the append scenarios, stores interleaved; the table shows each store's median round. */
  rounds: number;
  /** Measured time of each append scenario, after the warm-up. */
  durationMs: number;
  warmupMs: number;
  /** Events per readAll call. */
  readBatch: number;
  /** read-all stops after this long (a store whose reads slow down with the log's size must not hold the run). */
  readMaxMs: number;
  /** How long read-all waits for a transaction elsewhere on the server that holds back the log's visible end. */
  readWaitMs: number;
  /** Events per append (each to a new stream) while topping the log up to `events` (not measured). */
  seedBatch: number;
  /** A writer moves to a new stream once its stream has this many events. */
  streamLength: number;
  /** Which stores to run, in order (default all). */
  stores: StoreName[];
}

export const STORE_NAMES = ['ours', 'emmett', 'floor'] as const;
export type StoreName = (typeof STORE_NAMES)[number];

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

export function loadConfig(): BenchConfig {
  const stores = (process.env.BENCH_STORES ?? STORE_NAMES.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of stores) {
    if (!(STORE_NAMES as readonly string[]).includes(s)) throw new Error(`BENCH_STORES: unknown store ${s}`);
  }
  return {
    databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    events: int('BENCH_EVENTS', 1_000_000),
    rounds: int('BENCH_ROUNDS', 1),
    durationMs: int('BENCH_DURATION_MS', 10_000),
    warmupMs: int('BENCH_WARMUP_MS', 2_000),
    readBatch: int('BENCH_READ_BATCH', 1_000),
    readMaxMs: int('BENCH_READ_MAX_MS', 60_000),
    readWaitMs: int('BENCH_READ_WAIT_MS', 300_000),
    seedBatch: int('BENCH_SEED_BATCH', 100),
    streamLength: int('BENCH_STREAM_LENGTH', 100),
    stores: stores as StoreName[],
  };
}

/** The URL of another database on the same server. */
export function databaseUrlFor(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
