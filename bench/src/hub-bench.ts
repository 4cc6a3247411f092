import { execFileSync } from 'node:child_process';
import os from 'node:os';
import pg from 'pg';
import type { E2eConfig } from './e2e/e2e-config.js';
import { dropDatabase, startHub, type RunningHub, type StopReport } from './e2e/hub-process.js';
import { progress } from './e2e/progress.js';

export interface HubBench {
  /** Aborted by SIGINT, SIGTERM or SIGHUP. */
  signal: AbortSignal;
  start(): Promise<RunningHub>;
  cleanUp(): Promise<void>;
  /** How the hub stopped, once `cleanUp` stopped it. */
  stopReport(): StopReport | undefined;
  run(main: () => Promise<number | void>): Promise<void>;
}

/**
 * The run of a bench against the hub as `npm start` runs it (bench:e2e,
 * bench:door, bench:commands): `start` brings the hub up on the bench's own
 * database; `cleanUp` (idempotent) runs `beforeStop`, stops the hub, checks its
 * ports closed and drops the database unless `keepDatabase`; SIGINT, SIGTERM
 * or SIGHUP abort `signal`, clean up and exit 130; `run(main)` cleans up after
 * `main`, even when it fails, and exits 1 when it failed, returned 1 or left a
 * port of the hub open.
 */
export function hubBench(config: E2eConfig, options: { beforeStop?: () => Promise<void> } = {}): HubBench {
  const controller = new AbortController();
  /** The hub while it starts: interrupted, startHub stops what it started and rejects. */
  let starting: Promise<RunningHub> | undefined;
  let hub: RunningHub | undefined;
  let stopReport: StopReport | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanUp = (): Promise<void> =>
    (cleaning ??= (async () => {
      await options.beforeStop?.();
      if (!hub && starting) await starting.catch(() => {});
      if (hub) stopReport = await hub.stop();
      if (!config.keepDatabase) await dropDatabase(config).catch((e: unknown) => progress('bench', `could not drop ${config.database}: ${String(e)}`));
    })());

  let signals = 0;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      signals++;
      progress('bench', `${signal}: stopping the hub and leaving${signals > 1 ? ' (again: be patient, the hub is being stopped)' : ''}`);
      controller.abort();
      void cleanUp().finally(() => process.exit(130));
    });
  }

  return {
    signal: controller.signal,
    async start(): Promise<RunningHub> {
      starting = startHub(config, controller.signal);
      return (hub = await starting);
    },
    cleanUp,
    stopReport: () => stopReport,
    async run(main: () => Promise<number | void>): Promise<void> {
      try {
        const code = await main();
        await cleanUp();
        process.exitCode = code === 1 || (stopReport?.portsStillOpen.length ?? 0) > 0 ? 1 : 0;
      } catch (error) {
        progress('bench', `failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        await cleanUp();
        process.exitCode = 1;
      }
    },
  };
}

/** The machine 1/5/15-minute load average, to two decimals: other work on the machine shows here. */
export const loadAverage = () => os.loadavg().map((l) => Math.round(l * 100) / 100);

/** The machine a bench ran on, for its results file: cores, memory, Node, PostgreSQL and its durability settings, the commit; `extra` after PostgreSQL's. */
export async function describeMachine(config: E2eConfig, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: config.root, encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  };
  const client = new pg.Client({ connectionString: config.adminUrl });
  await client.connect();
  const { rows } = await client.query<{ version: string; fsync: string; sync: string }>(
    "SELECT version(), current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sync",
  );
  await client.end();
  return {
    date: new Date().toISOString(),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverageAtStart: loadAverage(),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: rows[0]?.version,
    postgresFsync: rows[0]?.fsync,
    postgresSynchronousCommit: rows[0]?.sync,
    ...extra,
    gitCommit: git('rev-parse', 'HEAD'),
    gitDirty: (git('status', '--porcelain') ?? '') !== '',
  };
}
