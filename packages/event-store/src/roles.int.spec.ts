import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, waitFor, type TestDatabase } from '@traiettorie/testing';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { testChainKeys } from './hash-chain.contract.js';
import { migrateEventStore } from './migrations.js';
import type { EventStore } from './event-store.js';
import { createPostgresEventStore } from './postgres-event-store.js';
import { EVENT_STORE_OWNER_ROLE, provisionEventStore } from './roles.js';

/**
 * ADR 6's role split on a real server: the services' role (traiettorie_app)
 * appends and reads and can change nothing; the owner (traiettorie_owner, not a
 * superuser) can switch the guards off, and verify then names what it did.
 */
describe('the event store under the owner / app role split', () => {
  let db: TestDatabase;
  let app: pg.Pool;
  let store: EventStore;
  const chainKeys = testChainKeys();

  beforeAll(async () => {
    db = await createTestDatabase('store_roles');
    await provisionEventStore(db.pool);
    await provisionEventStore(db.pool); // idempotent
    app = new pg.Pool({ connectionString: db.appUrl, max: 4 });
    // A service connected as the app role migrates nothing and does not fail: the schema is up to date.
    await migrateEventStore(app);
    store = createPostgresEventStore(app, { chainKeys });
    for (let i = 1; i <= 6; i++) await store.appendToStream(`case-${i % 2}`, [{ id: randomUUID(), type: 'Noted', data: { n: i } }]);
    await waitFor(() => store.seal(), (r) => r.head?.seq === 6, { what: 'six events sealed by the app role' });
  });
  afterAll(async () => {
    await app.end();
    await db.drop();
  });

  /** Runs SQL as the owner role: a superuser's session after SET ROLE has only the owner's rights. */
  async function asOwner<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await db.pool.connect();
    try {
      await client.query(`SET ROLE ${EVENT_STORE_OWNER_ROLE}`);
      return await work(client);
    } finally {
      await client.query('RESET ROLE');
      client.release();
    }
  }

  it('the store belongs to the owner, which is neither a superuser nor a login', async () => {
    const { rows } = await db.pool.query<{ owner: string; super: boolean; login: boolean }>(
      `SELECT c.relowner::regrole::text AS owner, r.rolsuper AS super, r.rolcanlogin AS login
       FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE c.oid = 'event_store.events'::regclass`,
    );
    expect(rows[0]).toEqual({ owner: EVENT_STORE_OWNER_ROLE, super: false, login: false });
  });

  it.each([
    ['UPDATE an event', `UPDATE event_store.events SET data = '{"n": 0}' WHERE global_position = 2`, /permission denied/],
    ['DELETE an event', 'DELETE FROM event_store.events WHERE global_position = 2', /permission denied/],
    ['TRUNCATE the events', 'TRUNCATE event_store.events CASCADE', /permission denied/],
    ['UPDATE a chain entry', `UPDATE event_store.chain SET hash = sha256('x') WHERE seq = 2`, /permission denied/],
    ['DELETE chain entries', 'DELETE FROM event_store.chain WHERE seq >= 4', /permission denied/],
    ['TRUNCATE the chain', 'TRUNCATE event_store.chain', /permission denied/],
    ['move the legacy boundary', 'UPDATE event_store.chain_origin SET legacy_until = 1000', /permission denied/],
    ['delete an alarm', 'DELETE FROM event_store.chain_alarms', /permission denied/],
    ['switch the events guards off', 'ALTER TABLE event_store.events DISABLE TRIGGER USER', /must be owner/],
    ['switch the chain guards off', 'ALTER TABLE event_store.chain DISABLE TRIGGER USER', /must be owner/],
    ['alter the events table', 'ALTER TABLE event_store.events ADD COLUMN x int', /must be owner/],
    ['replace the guards\' trigger function', `CREATE OR REPLACE FUNCTION event_store.forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`, /permission denied for schema|must be owner/],
    ['replicate without triggers', 'SET session_replication_role = replica', /permission denied/],
  ])('as the app role, PostgreSQL refuses to %s', async (_what, sql, error) => {
    await expect(app.query(sql)).rejects.toThrow(error);
    expect(await store.verify()).toMatchObject({ ok: true, verified: 6 });
  });

  it('the owner may not bypass the triggers as a superuser would (session_replication_role)', async () => {
    await asOwner(async (client) => {
      await expect(client.query('SET session_replication_role = replica')).rejects.toThrow(/permission denied/);
    });
  });

  it('attack by the owner (not a superuser): triggers disabled, an event edited in the middle, the chain cut back, seal() re-run: refused and verify names it', async () => {
    await asOwner(async (client) => {
      await client.query('ALTER TABLE event_store.events DISABLE TRIGGER USER');
      await client.query('ALTER TABLE event_store.chain DISABLE TRIGGER USER');
      try {
        await client.query(`UPDATE event_store.events SET data = '{"n": 40}' WHERE global_position = 4`);
        await client.query('DELETE FROM event_store.chain WHERE seq >= 4');
      } finally {
        await client.query('ALTER TABLE event_store.events ENABLE TRIGGER USER');
        await client.query('ALTER TABLE event_store.chain ENABLE TRIGGER USER');
      }
    });
    expect(await store.seal()).toMatchObject({ sealed: 0, head: { seq: 3 }, refused: { globalPosition: 4, reason: 'content-changed' } });
    expect(await store.verify()).toMatchObject({ ok: false, verified: 3, firstBreak: { globalPosition: 4, reason: 'content-changed' } });
    const { rows } = await app.query<{ reason: string; global_position: string }>('SELECT reason, global_position FROM event_store.chain_alarms');
    expect(rows).toEqual([{ reason: 'content-changed', global_position: '4' }]);
  });
});
