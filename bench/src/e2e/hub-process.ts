import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { servicePorts } from '../../../infra/ports.mjs';
import { databaseUrl, type E2eConfig } from './e2e-config.js';
import { progress } from './progress.js';

/** The `*_PORT` variables `npm start` reads (README, Configuration), and the broker it starts itself. */
const PORT_VARIABLES = [...servicePorts.map((s) => s.variable), 'KAFKA_PORT' as const];
type PortVariable = (typeof PORT_VARIABLES)[number];

/** The agency services `npm start` runs, each an HTTP API of its own (infra/start.mjs). */
export const AGENCY_SERVICES = ['social-services', 'employment-centre', 'health-services', 'third-sector', 'programme'] as const;
export type AgencyService = (typeof AGENCY_SERVICES)[number];
const agencyPort = (name: AgencyService) => servicePorts.find((s) => s.name === name)!.variable;

export interface RunningHub {
  socialServices: string;
  /** The hub's local authority: the bench's commands carry its vouchers (README, "Who may call"). */
  authority: string;
  readModels: string;
  /** Each agency service's base URL, e.g. `agencies['health-services']`. */
  agencies: Record<AgencyService, string>;
  /** The process group of `node infra/start.mjs`: the services and the broker it started. */
  group: number;
  /** The bench database, as its superuser: the bench reads the read-model table through it. */
  databaseUrl: string;
  ports: Record<PortVariable, number>;
  /** The hub's output (every service's lines), kept in a file while it runs. */
  logFile: string;
  /** Lines of the hub's output that say a service died or was restarted. */
  incidents: string[];
  stop(): Promise<StopReport>;
}

export interface StopReport {
  exitedWithin: number | null;
  killed: boolean;
  portsStillOpen: number[];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export function canConnect(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function recreateDatabase(config: E2eConfig): Promise<void> {
  const client = new pg.Client({ connectionString: config.adminUrl });
  await client.connect();
  try {
    // Databases left by runs of these benches that were killed (their pid is in the name and gone).
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname ~ '^traiettorie_bench_(e2e|door|commands)_[0-9]+$'");
    for (const { datname } of rows) {
      const pid = Number(datname.slice(datname.lastIndexOf('_') + 1));
      if (datname !== config.database && !alive(pid)) {
        progress('hub', `dropping ${datname}, left by a run that no longer exists`);
        await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      }
    }
    await client.query(`DROP DATABASE IF EXISTS ${config.database} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${config.database}`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(config: E2eConfig): Promise<void> {
  const client = new pg.Client({ connectionString: config.adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${config.database} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * Brings the hub up as `npm start` does (`node infra/start.mjs`, which starts
 * its own Kafka broker and every service), on a database of its own and on
 * free ports, so a hub already running on this machine is left alone. The
 * store's roles are set up as README says for a DATABASE_URL of one's own
 * (`npm run store -- provision` as superuser, the services as traiettorie_app).
 * The hub runs in a process group of its own: `stop()` signals the whole
 * group, and the death of this process stops it too (start.mjs stops when its
 * parent goes away).
 */
export async function startHub(config: E2eConfig, signal: AbortSignal): Promise<RunningHub> {
  const ports = {} as Record<PortVariable, number>;
  for (const name of PORT_VARIABLES) ports[name] = await freePort();
  progress('hub', `database ${config.database}, ports ${PORT_VARIABLES.map((n) => `${n}=${ports[n]}`).join(' ')}`);
  await recreateDatabase(config);
  const adminDbUrl = databaseUrl(config.adminUrl, config.database);
  await promisify(execFile)(process.execPath, [path.join(config.root, 'packages', 'event-store', 'dist', 'cli.js'), 'provision'], {
    env: { ...process.env, DATABASE_URL: adminDbUrl },
  });
  const appUrl = new URL(adminDbUrl);
  appUrl.username = 'traiettorie_app';
  appUrl.password = '';

  const scratch = mkdtempSync(path.join(os.tmpdir(), 'traiettorie-bench-e2e-'));
  const logFile = path.join(scratch, 'hub.log');
  const log = createWriteStream(logFile);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  delete env['KAFKA_BROKERS']; // its own broker, as npm start on a fresh machine
  Object.assign(env, {
    DATABASE_URL: appUrl.toString(),
    KAFKA_DATA_DIR: path.join(scratch, 'kafka'),
    CHAIN_CHECKPOINT_FILE: path.join(scratch, 'chain-checkpoints.jsonl'),
    ...Object.fromEntries(PORT_VARIABLES.map((n) => [n, String(ports[n])])),
  });
  progress('hub', `starting: node infra/start.mjs --no-build (output in ${logFile})`);
  const child: ChildProcess = spawn(process.execPath, [path.join(config.root, 'infra', 'start.mjs'), '--no-build'], {
    cwd: config.root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const incidents: string[] = [];
  let isUp = false;
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for (const stream of [child.stdout!, child.stderr!]) {
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      log.write(chunk);
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        output = (output + line + '\n').slice(-8000);
        // Start-up lines of start.mjs itself are progress; after that only what went wrong.
        if (!isUp && line.startsWith('[traiettorie]')) progress('hub', line);
        if (/exited|restarting|giving up|could not start/.test(line) && !line.startsWith('{')) {
          incidents.push(line);
          if (isUp) progress('hub', `! ${line}`);
        }
      }
    });
  }

  let stopped: Promise<StopReport> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      const started = Date.now();
      let killed = false;
      if (child.exitCode === null && child.signalCode === null) {
        progress('hub', 'stopping: SIGTERM to its process group');
        signalGroup(child, 'SIGTERM');
        // The 60 s timer is cleared once the hub exits: left pending, it kept the bench alive a minute after its work.
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), 60_000)));
        const code = await Promise.race([exited.then(() => 'exited' as const), timeout]);
        clearTimeout(timer);
        if (code === 'timeout') {
          progress('hub', 'still running after 60 s: SIGKILL to its process group');
          signalGroup(child, 'SIGKILL');
          killed = true;
          await exited;
        }
      }
      // Whatever of the group outlived start.mjs (it should not): SIGKILL.
      signalGroup(child, 'SIGKILL');
      const open: number[] = [];
      for (let i = 0; i < 20; i++) {
        open.length = 0;
        for (const n of PORT_VARIABLES) if (await canConnect(ports[n])) open.push(ports[n]);
        if (open.length === 0) break;
        await sleep(500);
      }
      await new Promise<void>((r) => log.end(r));
      if (open.length === 0 && incidents.length === 0) rmSync(scratch, { recursive: true, force: true });
      progress('hub', open.length === 0 ? `stopped in ${((Date.now() - started) / 1000).toFixed(1)} s; its ports are closed` : `ports still open: ${open.join(', ')}`);
      return { exitedWithin: Date.now() - started, killed, portsStillOpen: open };
    })());

  const hub: RunningHub = {
    socialServices: `http://127.0.0.1:${ports.SOCIAL_SERVICES_PORT}`,
    authority: `http://127.0.0.1:${ports.AUTHORITY_PORT}`,
    group: child.pid ?? 0,
    readModels: `http://127.0.0.1:${ports.READ_MODELS_PORT}`,
    agencies: Object.fromEntries(AGENCY_SERVICES.map((name) => [name, `http://127.0.0.1:${ports[agencyPort(name)]}`])) as Record<AgencyService, string>,
    databaseUrl: adminDbUrl,
    ports,
    logFile,
    incidents,
    stop,
  };
  try {
    const deadline = Date.now() + 600_000; // the first start on a machine fetches the broker's jars
    while (!output.includes('Traiettorie is up.')) {
      if (signal.aborted) throw new Error('interrupted');
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the hub exited during start-up; its last lines:\n${output.slice(-3000)}`);
      if (Date.now() > deadline) throw new Error(`the hub was not up within 10 minutes; its last lines:\n${output.slice(-3000)}`);
      await sleep(200);
    }
    isUp = true;
    progress('hub', `up: social-services ${hub.socialServices}, read-models ${hub.readModels}, Kafka 127.0.0.1:${ports.KAFKA_PORT}`);
    return hub;
  } catch (error) {
    await stop();
    throw error;
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone
  }
}
