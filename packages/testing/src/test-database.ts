import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

export interface TestDatabase {
  /** As the server's superuser (what raw SQL checks in tests use). */
  url: string;
  /**
   * The same database as the services' role, `traiettorie_app` (ADR 6): it may
   * append and read, never alter or own the store's tables. Valid once
   * `provisionEventStore(db.pool)` (from @traiettorie/event-store) has made the
   * roles and migrated the store as its owner, `traiettorie_owner`.
   */
  appUrl: string;
  pool: pg.Pool;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/**
 * A fresh database on the run's PostgreSQL server (DATABASE_URL, set by the
 * test run's global setup), so each spec file is isolated from the others.
 */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const serverUrl = requireEnv('DATABASE_URL');
  const name = `t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase().slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  let dropping = false;
  // A connection a test left open is terminated by the forced drop; that is expected then.
  pool.on('error', (error) => {
    if (!dropping) throw error;
  });
  const app = new URL(url);
  app.username = 'traiettorie_app';
  app.password = '';
  return {
    url,
    appUrl: app.toString(),
    pool,
    async drop() {
      dropping = true;
      await pool.end();
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await connectionsGone(client, name);
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Waits (a little) for the database's connections to end. `pool.end()`
 * resolves before its clients' connections have closed; a forced drop that
 * terminates one of them then makes that client emit "terminating connection
 * due to administrator command", an unhandled error in a pool without a
 * listener (a test's own pool as the services' role). A connection a test
 * really left open is still terminated by the forced drop after this.
 */
async function connectionsGone(client: pg.Client, database: string, timeoutMs = 3_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query<{ open: number }>('SELECT count(*)::int AS open FROM pg_stat_activity WHERE datname = $1', [database]);
    if (rows[0]!.open === 0 || Date.now() >= until) return;
    await sleep(25);
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through \`npm test\`, whose global setup provides it`);
  return value;
}
