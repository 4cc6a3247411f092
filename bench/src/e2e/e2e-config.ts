import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What `npm run bench:e2e` can be tuned with: flags (`--rates 100,250`) or the environment (`BENCH_E2E_RATES`). */
export interface E2eConfig {
  /** Offered command rates, commands per second, run in this order. */
  rates: number[];
  /** Seconds of offered load per rate. */
  durationS: number;
  /** Seconds at `warmupRate` before the first rate, not measured (JIT, connections, topics' first messages). */
  warmupS: number;
  warmupRate: number;
  /**
   * After each rate the bench waits until the read model shows every accepted
   * command, so the next rate starts on an idle hub; it gives up when nothing
   * new was seen for `quietS` (what is missing then is lost), or after `drainS`.
   */
  drainS: number;
  quietS: number;
  /** A rate is kept up with when one hop and two hops p99 stay within this (and nothing failed or went missing). */
  keepUpMs: number;
  /** Most HTTP connections open at once to social-services (a pool, as an agency system has). */
  connections: number;
  /** How often the read-model table is polled while something is pending. */
  pollMs: number;
  /** Admin connection to the PostgreSQL server where the bench's database is made (and dropped). */
  adminUrl: string;
  database: string;
  /** Leave the bench database in place at the end (to look at it). */
  keepDatabase: boolean;
  /** Where the JSON result goes. */
  out: string;
  /** The repository root: `node infra/start.mjs` runs from here. */
  root: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..', '..');

/** `--name value`, `--name=value` or the bare flag `--name`. */
function parseFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg} (flags are --name value)`);
    const eq = arg.indexOf('=');
    if (eq > 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) flags.set(arg.slice(2), argv[++i]!);
    else flags.set(arg.slice(2), 'true');
  }
  return flags;
}

const KNOWN = ['rates', 'duration', 'warmup', 'warmup-rate', 'drain', 'quiet', 'keep-up-ms', 'poll-ms', 'connections', 'database', 'keep-db', 'out', 'help'];

export const USAGE = `npm run bench:e2e [-- --rates 100,250,500 --duration 30 --warmup 5 --drain 900 --quiet 30 --keep-up-ms 1000 --poll-ms 20 --connections 256 --out bench/results/e2e.json --keep-db]
Each flag also reads from the environment: BENCH_E2E_RATES, BENCH_E2E_DURATION_S, BENCH_E2E_WARMUP_S,
BENCH_E2E_WARMUP_RATE, BENCH_E2E_DRAIN_S, BENCH_E2E_QUIET_S, BENCH_E2E_KEEP_UP_MS, BENCH_E2E_POLL_MS, BENCH_E2E_CONNECTIONS, BENCH_E2E_DATABASE,
BENCH_E2E_KEEP_DB, BENCH_E2E_OUT; DATABASE_URL is the PostgreSQL server (default the local one).`;

export function loadE2eConfig(argv: readonly string[] = process.argv.slice(2)): E2eConfig | 'help' {
  const flags = parseFlags(argv);
  for (const name of flags.keys()) if (!KNOWN.includes(name)) throw new Error(`unknown flag --${name}\n${USAGE}`);
  if (flags.has('help')) return 'help';
  const raw = (flag: string, variable: string) => flags.get(flag) ?? process.env[variable];
  const number = (flag: string, variable: string, fallback: number, min = 0) => {
    const value = raw(flag, variable);
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${flag} / ${variable} must be a number ≥ ${min}, got ${value}`);
    return n;
  };
  const rates = (raw('rates', 'BENCH_E2E_RATES') ?? '100,250,500').split(',').map((s) => Number(s.trim()));
  if (rates.length === 0 || rates.some((r) => !Number.isFinite(r) || r <= 0)) throw new Error('--rates must be positive numbers, comma-separated');
  // One database per run (its pid in the name), so two runs on one server never meet.
  const database = raw('database', 'BENCH_E2E_DATABASE') ?? `traiettorie_bench_e2e_${process.pid}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`--database must be a plain lower-case identifier, got ${database}`);
  const out = raw('out', 'BENCH_E2E_OUT');
  return {
    rates,
    durationS: number('duration', 'BENCH_E2E_DURATION_S', 30, 1),
    warmupS: number('warmup', 'BENCH_E2E_WARMUP_S', 5),
    warmupRate: number('warmup-rate', 'BENCH_E2E_WARMUP_RATE', 50, 1),
    drainS: number('drain', 'BENCH_E2E_DRAIN_S', 900, 1),
    quietS: number('quiet', 'BENCH_E2E_QUIET_S', 30, 1),
    keepUpMs: number('keep-up-ms', 'BENCH_E2E_KEEP_UP_MS', 1000, 1),
    pollMs: number('poll-ms', 'BENCH_E2E_POLL_MS', 20, 1),
    connections: number('connections', 'BENCH_E2E_CONNECTIONS', 256, 1),
    adminUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    database,
    keepDatabase: ['1', 'true'].includes(raw('keep-db', 'BENCH_E2E_KEEP_DB') ?? ''),
    out: out ? path.resolve(process.env.INIT_CWD ?? process.cwd(), out) : path.join(root, 'bench', 'results', 'e2e.json'),
    root,
  };
}

/** The URL of another database on the same server. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
