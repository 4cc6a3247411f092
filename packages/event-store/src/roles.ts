import type pg from 'pg';
import { migrateEventStore } from './migrations.js';

/** The role that owns the store's schema and runs its migrations; it does not log in. */
export const EVENT_STORE_OWNER_ROLE = 'traiettorie_owner';
/** The role the services log in as: it appends and reads, and may not change, delete or own anything in the store. */
export const EVENT_STORE_APP_ROLE = 'traiettorie_app';

export interface ProvisionOptions {
  owner?: string;
  app?: string;
  /** The app role's password, for servers that do not trust local connections; unchanged when omitted. */
  appPassword?: string;
}

/**
 * Sets a database up for the role split of ADR 6, from a superuser (or
 * CREATEROLE) connection to that database: makes the owner role (NOLOGIN) and
 * the app role (LOGIN) when missing, lets both connect and create schemas of
 * their own, hands a store created before the split to the owner, migrates it
 * as the owner and grants the app role its part. Idempotent; run it at every
 * deployment (npm start does, before the services start).
 */
export async function provisionEventStore(admin: pg.Pool, options: ProvisionOptions = {}): Promise<void> {
  const owner = options.owner ?? EVENT_STORE_OWNER_ROLE;
  const app = options.app ?? EVENT_STORE_APP_ROLE;
  await createRole(admin, owner, 'NOLOGIN');
  await createRole(admin, app, 'LOGIN');
  if (options.appPassword !== undefined) {
    const { rows } = await admin.query<{ sql: string }>(`SELECT format('ALTER ROLE %I PASSWORD %L', $1::text, $2::text) AS sql`, [
      app,
      options.appPassword,
    ]);
    await admin.query(rows[0]!.sql);
  }
  await admin.query(`DO $$ BEGIN
    EXECUTE format('GRANT CONNECT, CREATE ON DATABASE %I TO %I, %I', current_database(), '${owner}', '${app}');
  END $$`);
  await adoptEventStore(admin, owner);
  await migrateEventStore(admin, { asRole: owner, grantTo: app });
}

async function createRole(admin: pg.Pool, role: string, login: 'LOGIN' | 'NOLOGIN'): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`role name "${role}" must be lower-case letters, digits and _`);
  const { rowCount } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (rowCount) return;
  try {
    await admin.query(`CREATE ROLE "${role}" ${login} NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS`);
  } catch (error) {
    // Another process made it meanwhile (roles are shared by the whole server).
    const code = (error as { code?: string }).code;
    if (code !== '42710' && code !== '23505') throw error;
  }
}

/** Gives the owner role a schema made before the split (by the superuser the services used to connect as). */
async function adoptEventStore(admin: pg.Pool, owner: string): Promise<void> {
  await admin.query(
    `DO $$
     DECLARE o record;
     BEGIN
       IF to_regnamespace('event_store') IS NULL
          OR (SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'event_store') = '${owner}' THEN
         RETURN;
       END IF;
       EXECUTE format('ALTER SCHEMA event_store OWNER TO %I', '${owner}');
       FOR o IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'event_store' AND c.relkind IN ('r', 'p') LOOP
         EXECUTE format('ALTER TABLE event_store.%I OWNER TO %I', o.relname, '${owner}');
       END LOOP;
       FOR o IN SELECT p.oid::regprocedure::text AS sig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = 'event_store' LOOP
         EXECUTE format('ALTER FUNCTION %s OWNER TO %I', o.sig, '${owner}');
       END LOOP;
     END $$`,
  );
}
