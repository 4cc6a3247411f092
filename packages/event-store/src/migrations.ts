import { readdir, readFile } from 'node:fs/promises';
import type pg from 'pg';

export interface Migration {
  version: number;
  /** What schema_migrations records: the file's first line, a `--` comment. */
  name: string;
  sql: string;
}

/**
 * The schema's migrations: `migrations/NNNN_slug.sql`, shipped with the
 * package, applied in version order. Append only: a new change is a new file.
 */
export const MIGRATIONS_DIR = new URL('../migrations/', import.meta.url);

let loaded: Promise<readonly Migration[]> | undefined;

/** The migrations in version order, read once per process. */
export function loadMigrations(): Promise<readonly Migration[]> {
  loaded ??= readMigrations(MIGRATIONS_DIR);
  return loaded;
}

async function readMigrations(dir: URL): Promise<readonly Migration[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort();
  const migrations = await Promise.all(
    files.map(async (file) => {
      const version = /^(\d{4})_[a-z0-9-]+\.sql$/.exec(file)?.[1];
      const sql = await readFile(new URL(file, dir), 'utf8');
      const name = /^-- (.+)\n/.exec(sql)?.[1];
      if (!version || !name) throw new Error(`migration ${file}: expected NNNN_slug.sql whose first line is "-- <name>"`);
      return { version: Number(version), name, sql };
    }),
  );
  migrations.forEach((migration, i) => {
    if (migration.version !== i + 1) throw new Error(`migration ${files[i]}: versions must run 1, 2, 3… without gaps`);
  });
  return migrations;
}

const MIGRATION_LOCK = 7_301_931_001; // pg_advisory_xact_lock key: one migrator at a time

export interface MigrateOptions {
  /**
   * The role that owns the schema (ADR 6): the migration runs under `SET LOCAL
   * ROLE`, so what it creates belongs to that role, not to the connecting one.
   */
  asRole?: string;
  /** The services' role: granted, after migrating, only what appending and reading need (see `grantEventStoreAccess`). */
  grantTo?: string;
}

/**
 * Brings the schema to the latest version; safe to call from several processes
 * at once. When the schema is already up to date it changes nothing (so a
 * service connected as a role that may not alter the schema can call it at
 * start); when it is not, and the role may not migrate, the error says to run
 * `traiettorie-store migrate` as the owner.
 */
export async function migrateEventStore(pool: pg.Pool, options: MigrateOptions = {}): Promise<void> {
  if (!options.asRole && !options.grantTo && (await pendingMigrations(pool)) === 0) return;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    if (options.asRole) await client.query(`SET LOCAL ROLE ${quoteIdent(options.asRole)}`);
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE SCHEMA IF NOT EXISTS event_store');
    await client.query(
      `CREATE TABLE IF NOT EXISTS event_store.schema_migrations (
         version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM event_store.schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    for (const migration of await loadMigrations()) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO event_store.schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    }
    if (options.grantTo) await grantEventStoreAccess(client, options.grantTo);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    if ((error as { code?: string }).code === '42501') {
      throw new Error(
        `the event store's schema needs migrating and this role may not do it (${(error as Error).message}): ` +
          'run `traiettorie-store migrate` (or `provision`) as the schema owner',
        { cause: error },
      );
    }
    throw error;
  } finally {
    client.release();
  }
}

/** How many migrations the database lacks (all of them when the schema does not exist). */
export async function pendingMigrations(db: Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>): Promise<number> {
  const migrations = await loadMigrations();
  const { rows: exists } = await db.query<{ t: string | null }>(`SELECT to_regclass('event_store.schema_migrations')::text AS t`);
  if (!exists[0]?.t) return migrations.length;
  const { rows } = await db.query<{ version: number }>('SELECT version FROM event_store.schema_migrations');
  const applied = new Set(rows.map((r) => r.version));
  return migrations.filter((m) => !applied.has(m.version)).length;
}

/**
 * What the services' role may do in the store (ADR 6): read everything, append
 * events and chain entries through the store, keep its own bookkeeping
 * (streams' versions, checkpoints, data keys), never change or delete an
 * event, a chain entry, the chain's origin or an alarm, and own nothing, so it
 * cannot switch the append-only triggers off either. Run by the owner.
 */
export async function grantEventStoreAccess(db: Pick<pg.PoolClient, 'query'>, role: string): Promise<void> {
  const r = quoteIdent(role);
  await db.query(`
    REVOKE ALL ON ALL TABLES IN SCHEMA event_store FROM ${r};
    GRANT USAGE ON SCHEMA event_store TO ${r};
    GRANT SELECT ON ALL TABLES IN SCHEMA event_store TO ${r};
    GRANT INSERT ON event_store.events, event_store.chain, event_store.chain_alarms TO ${r};
    GRANT INSERT, UPDATE ON event_store.streams, event_store.checkpoints, event_store.person_keys TO ${r};
    GRANT EXECUTE ON FUNCTION event_store.append(text, text, jsonb), event_store.append_streams(jsonb) TO ${r};
  `);
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`role name "${name}" must be lower-case letters, digits and _`);
  return `"${name}"`;
}
