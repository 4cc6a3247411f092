import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, chownSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, run } from './process.mjs';

const LOCAL_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Makes a PostgreSQL server available and returns its URL:
 * 1. DATABASE_URL when given;
 * 2. otherwise a server already listening on 127.0.0.1:5432 (trust auth);
 * 3. otherwise a private cluster started from Debian's binaries (installed
 *    with apt-get when missing), in `dataDir` or a temporary directory.
 * `stop()` stops only what this call started.
 */
export async function ensurePostgres({ log, dataDir, port } = {}) {
  if (process.env.DATABASE_URL) {
    await assertReachable(process.env.DATABASE_URL, 'DATABASE_URL');
    log?.(`PostgreSQL: using DATABASE_URL`);
    return { url: process.env.DATABASE_URL, stop: async () => {} };
  }
  if (await isReachable(LOCAL_URL)) {
    log?.(`PostgreSQL: using the server on 127.0.0.1:5432`);
    return { url: LOCAL_URL, stop: async () => {} };
  }
  return startPrivateCluster({ log, dataDir, port: port ?? (await freePort()) });
}

async function isReachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function assertReachable(url, name) {
  if (!(await isReachable(url))) throw new Error(`${name} is set but no PostgreSQL answers there (${redact(url)})`);
}

function redact(url) {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

async function postgresBinDir(log) {
  const find = () => {
    const root = '/usr/lib/postgresql';
    if (!existsSync(root)) return undefined;
    const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')));
    versions.sort((a, b) => Number(b) - Number(a));
    return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
  };
  const found = find();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error('PostgreSQL is not installed and this is not root: run `apt-get install -y postgresql`, or set DATABASE_URL');
  }
  log?.('PostgreSQL: not installed; installing Debian package postgresql (apt-get)…');
  await run('apt-get', ['update', '-q']);
  await run('apt-get', ['install', '-y', '-q', 'postgresql'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const installed = find();
  if (!installed) throw new Error('apt-get installed postgresql but no initdb was found under /usr/lib/postgresql');
  return installed;
}

/** initdb refuses to run as root: as root, run PostgreSQL's tools as the `postgres` user. */
function asPostgresUser(bin, args) {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

async function startPrivateCluster({ log, dataDir, port }) {
  const bin = await postgresBinDir(log);
  const temporary = !dataDir;
  const dir = dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'traiettorie-pg-'));
  mkdirSync(dir, { recursive: true });
  const pgdata = path.join(dir, 'data');
  if (process.getuid?.() === 0) {
    const { uid, gid } = await postgresIds();
    chownSync(dir, uid, gid);
  }
  if (!existsSync(path.join(pgdata, 'PG_VERSION'))) {
    log?.(`PostgreSQL: initialising a cluster in ${pgdata}`);
    await run(...asPostgresUser(path.join(bin, 'initdb'), ['-D', pgdata, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8']));
  }
  log?.(`PostgreSQL: starting on 127.0.0.1:${port}`);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=${temporary ? 'off' : 'on'}`;
  await run(...asPostgresUser(path.join(bin, 'pg_ctl'), ['-D', pgdata, '-o', options, '-l', path.join(dir, 'server.log'), '-w', 'start']));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    async stop() {
      await run(...asPostgresUser(path.join(bin, 'pg_ctl'), ['-D', pgdata, '-m', 'fast', '-w', 'stop'])).catch(() => {});
      if (temporary) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresIds() {
  const out = await run('id', ['postgres']);
  const uid = Number(/uid=(\d+)/.exec(out)?.[1]);
  const gid = Number(/gid=(\d+)/.exec(out)?.[1]);
  return { uid, gid };
}
