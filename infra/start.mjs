#!/usr/bin/env node
/**
 * `npm start`: builds the workspaces, then brings the whole hub up on this
 * machine. PostgreSQL and Kafka come from DATABASE_URL / KAFKA_BROKERS when
 * given, otherwise from local servers, otherwise they are installed/started
 * here (see infra/local). Then the services start as separate processes, the
 * local authority first (it issues the vouchers the others verify), then the
 * relay (it creates the topics the others consume), restarted if they die once
 * up.
 *
 * Stopping: SIGINT (Ctrl-C), SIGTERM or SIGHUP, sent to this process or to the
 * `npm start` that runs it, stops everything it started; so does the death of
 * its parent (a supervisor that was killed). Services exit when this process
 * goes away, even by SIGKILL (their stdin closes).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { cacheDir, createLog, ensureLocalInfra, kafkaEnv, killOnExit, stopChild } from './local/index.mjs';
import { ensureKeys } from './local/keys.mjs';
import { canConnect } from './local/process.mjs';
import { servicePorts } from './ports.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = createLog('traiettorie');

const services = servicePorts.map(({ name, variable, defaultPort, api }) => ({ name, variable, port: Number(process.env[variable] ?? defaultPort), api }));

const started = [];
const children = new Map();
let stopping = false;
let up = false;
let build;

async function ensureDatabase(serverUrl) {
  if (process.env.DATABASE_URL) return serverUrl;
  const url = new URL(serverUrl);
  url.pathname = '/traiettorie';
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = 'traiettorie'");
    if (rowCount === 0) {
      await client.query('CREATE DATABASE traiettorie');
      log('PostgreSQL: created database traiettorie');
    }
  } finally {
    await client.end();
  }
  return url.toString();
}

/**
 * The relay's signed checkpoints of the chain (ADR 6) go to
 * CHAIN_CHECKPOINT_FILE, by default a `checkpoints/` sibling of the keys, one
 * file per database (the relay anchors its sealer on the file's last line: a
 * database wiped and made anew needs its old file moved away).
 */
function chainCheckpoints(databaseUrl) {
  const { hostname, port, pathname } = new URL(databaseUrl);
  const name = `${hostname}-${port || 5432}-${pathname.slice(1) || 'postgres'}`.replace(/[^A-Za-z0-9._-]/g, '_');
  return { CHAIN_CHECKPOINT_FILE: process.env.CHAIN_CHECKPOINT_FILE ?? path.join(cacheDir(), 'checkpoints', `${name}.jsonl`) };
}

/**
 * The role split of ADR 6 on the local database: the store is owned (and
 * migrated) by traiettorie_owner, the services log in as traiettorie_app, which
 * may append and read but never change or delete an event or a chain entry.
 * Schemas a service made before the split (relay, read_models, drizzle) are
 * handed to the app role. With a DATABASE_URL of your own, the URL is used as
 * it is: run `traiettorie-store provision` there as a superuser and give the
 * services the app role's URL.
 */
async function provisionRoles(adminUrl) {
  if (process.env.DATABASE_URL) return adminUrl;
  const { provisionEventStore, EVENT_STORE_APP_ROLE } = await import('../packages/event-store/dist/index.js');
  const pool = new pg.Pool({ connectionString: adminUrl, max: 2 });
  try {
    await provisionEventStore(pool);
    await pool.query(`DO $$
      DECLARE s record; o record;
      BEGIN
        FOR s IN SELECT nspname FROM pg_namespace
                 WHERE nspowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
                   AND nspname NOT IN ('public', 'event_store', 'information_schema') AND nspname NOT LIKE 'pg\\_%' LOOP
          EXECUTE format('ALTER SCHEMA %I OWNER TO ${EVENT_STORE_APP_ROLE}', s.nspname);
          FOR o IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = s.nspname AND c.relkind IN ('r', 'p', 'v', 'm') LOOP
            EXECUTE format('ALTER TABLE %I.%I OWNER TO ${EVENT_STORE_APP_ROLE}', s.nspname, o.relname);
          END LOOP;
        END LOOP;
      END $$`);
  } finally {
    await pool.end();
  }
  const url = new URL(adminUrl);
  url.username = EVENT_STORE_APP_ROLE;
  url.password = '';
  log(`PostgreSQL: the store is owned by traiettorie_owner; the services connect as ${EVENT_STORE_APP_ROLE}`);
  return url.toString();
}

/** Fails fast, naming the port and the variable to change, when a service's port is taken. */
async function checkPortsFree() {
  const taken = [];
  for (const s of services) if (await canConnect('127.0.0.1', s.port, 500)) taken.push(s);
  if (taken.length === 0) return;
  const lines = taken.map((s) => `  ${s.name}: port ${s.port} is in use (set ${s.variable} to another port)`);
  throw new Error(`another program (perhaps another npm start) already listens on the hub's ports:\n${lines.join('\n')}`);
}

function runBuild() {
  return new Promise((resolve, reject) => {
    log('building the workspaces (turbo run build)…');
    build = spawn(process.execPath, [path.join(root, 'node_modules', 'turbo', 'bin', 'turbo'), 'run', 'build', '--output-logs=errors-only'], {
      cwd: root,
      env: { TURBO_TELEMETRY_DISABLED: '1', ...process.env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    killOnExit(build);
    build.on('error', reject);
    build.on('exit', (code, signal) => {
      build = undefined;
      if (code === 0) resolve();
      else reject(new Error(`the build failed (${code ?? signal})`));
    });
  });
}

function startService(s, env) {
  const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'services', s.name, 'dist', 'main.js')], {
    env: { ...process.env, ...env, PORT: String(s.port), TRAIETTORIE_SUPERVISED: '1' },
    // stdin stays open as long as this process lives: the service exits when it closes.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  killOnExit(child);
  s.recent = [];
  const prefix = `[${s.name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) {
        process.stdout.write(prefix + line + '\n');
        s.recent = [...s.recent.slice(-19), line];
      }
    });
  }
  child.on('exit', (code, signal) => {
    if (stopping) return;
    if (!up) {
      s.failed = `${s.name} exited during start-up (${code ?? signal})`;
      return;
    }
    const now = Date.now();
    s.crashes = [...(s.crashes ?? []).filter((t) => now - t < 60_000), now];
    if (s.crashes.length >= 5) {
      log(`${s.name} exited ${s.crashes.length} times within a minute (last: ${code ?? signal}); giving up`);
      void shutdown(1);
      return;
    }
    log(`${s.name} exited (${code ?? signal}); restarting in 2 s`);
    setTimeout(() => !stopping && children.set(s.name, startService(s, env)), 2000);
  });
  return child;
}

/** Waits until the service answers /health from the process started here (not another copy on the same port). */
async function waitHealthy(s, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) throw new Error('stopping');
    if (s.failed) throw new Error(`${s.failed}; its last lines:\n${s.recent.map((l) => `    ${l}`).join('\n')}`);
    try {
      const response = await fetch(`http://127.0.0.1:${s.port}/health`);
      const body = response.ok ? await response.json() : undefined;
      const child = children.get(s.name);
      if (body && body.pid === child?.pid) return;
      if (body) throw new Error(`port ${s.port} answers for another process (pid ${body.pid}), not the ${s.name} started here; set ${s.variable} to a free port`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('port ')) throw error;
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${s.name} did not become healthy on port ${s.port} within ${timeoutMs / 1000}s`);
}

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  if (build) await stopChild(build, 10_000);
  await Promise.all([...children.values()].map((child) => stopChild(child, 15_000)));
  for (const resource of started.reverse()) await resource.stop();
  log('stopped');
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void shutdown(0));
// Orphaned (the npm or supervisor that started us was killed): stop too.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void shutdown(0);
}, 500).unref();

try {
  await checkPortsFree();
  if (!process.argv.includes('--no-build')) await runBuild();
  const { postgres, kafka } = await ensureLocalInfra({ log });
  started.push(postgres, kafka);
  const databaseUrl = await provisionRoles(await ensureDatabase(postgres.url));
  const { loadClientRegistry } = await import('../packages/nest-kit/dist/index.js');
  const clientIds = loadClientRegistry(process.env.TRAIETTORIE_CLIENTS_FILE).map((c) => c.clientId);
  const [authority, relay, ...rest] = services;
  const authorityUrl = `http://127.0.0.1:${authority.port}`;
  const env = {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: kafka.brokers,
    ...ensureKeys(path.join(cacheDir(), 'keys'), { log, clientIds }),
    ...chainCheckpoints(databaseUrl),
    // The door (README, "Who may call"): PDND's issuer, audience and JWKS instead by setting these.
    VOUCHER_ISSUER: process.env.VOUCHER_ISSUER ?? authorityUrl,
    VOUCHER_AUDIENCE: process.env.VOUCHER_AUDIENCE ?? 'traiettorie',
    VOUCHER_JWKS_URL: process.env.VOUCHER_JWKS_URL ?? `${authorityUrl}/.well-known/jwks.json`,
  };
  // Kafka (issue 10): each service logs in to our broker as its own SCRAM principal.
  const serviceEnv = (s) => ({ ...env, ...kafkaEnv(kafka, s.name) });
  // The authority first: the services fetch its keys; then the relay: it migrates the store and creates the topics the consumers join.
  children.set(authority.name, startService(authority, { ...env, AUTHORITY_ISSUER: env.VOUCHER_ISSUER }));
  await waitHealthy(authority);
  children.set(relay.name, startService(relay, serviceEnv(relay)));
  await waitHealthy(relay);
  for (const s of rest) children.set(s.name, startService(s, serviceEnv(s)));
  await Promise.all(rest.map((s) => waitHealthy(s)));
  up = true;
  const events = services.find((s) => s.name === 'events');
  const lines = services.map((s) =>
    s.api
      ? `  ${s.name.padEnd(18)} http://127.0.0.1:${s.port}   OpenAPI: http://127.0.0.1:${s.port}/docs`
      : s.name === 'authority'
        ? `  ${s.name.padEnd(18)} http://127.0.0.1:${s.port}/token   (vouchers: npm run token -- --client ss-sesto)`
        : `  ${s.name.padEnd(18)} http://127.0.0.1:${s.port}/health (publishes the event store to Kafka)`,
  );
  process.stdout.write(
    `\nTraiettorie is up.\nevents  http://127.0.0.1:${events.port}/events   (every agency: POST CloudEvents, GET the feed)\n${lines.join('\n')}\n  PostgreSQL         ${databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}\n  Kafka              ${kafka.brokers}\nCtrl-C stops everything started here.\n\n`,
  );
} catch (error) {
  if (!stopping) {
    log(`could not start: ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
  }
}
