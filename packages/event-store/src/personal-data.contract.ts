import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@traiettorie/testing';
import type { StoreDatabase } from './contract-database.js';
import { randomUUID } from 'node:crypto';
import { migrateEventStore } from './migrations.js';
import { createPostgresEventStore, type EventStore } from './postgres-event-store.js';
import type { PersonalDataPolicy } from './personal-data.js';

const policy: PersonalDataPolicy = {
  protectedPaths: (type) => (type === 'CaseOpened' ? ['householdRef', 'assessment.scores', 'members.*'] : []),
};

const opened = (personRef: string, household: string) => ({
  id: randomUUID(),
  type: 'CaseOpened',
  data: { measure: 'ADI', householdRef: household, assessment: { scores: { health: 3 }, kind: 'preliminary' }, members: [personRef] },
  metadata: { source: '/agencies/social-services/test', personref: personRef, ambito: 'LOM-SESTO' },
});

/** Every row of every table of the store, as text. */
async function everything(db: StoreDatabase): Promise<string> {
  const { rows: tables } = await db.pool.query<{ name: string }>(
    `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name FROM information_schema.tables
     WHERE table_schema = 'event_store'`,
  );
  let text = '';
  for (const { name } of tables) {
    const { rows } = await db.pool.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`);
    text += rows.map((r) => r.row).join('\n');
  }
  return text;
}

export function personalDataContract(backend: string, createDatabase: () => Promise<StoreDatabase>): void {
describe(`personal data in the store on ${backend}: encrypted per person, erasable by destroying the key`, () => {
  let db: StoreDatabase;
  let store: EventStore;
  const alice = opened('P-ALICE-0001', 'H-ALICE-HOUSEHOLD');
  const bob = opened('P-BOB-0002', 'H-BOB-HOUSEHOLD');

  beforeAll(async () => {
    db = await createDatabase();
    await migrateEventStore(db.pool);
    store = createPostgresEventStore(db.pool, { personalData: policy });
    await store.appendToStream('case-alice', [alice]);
    await store.appendToStream('case-bob', [bob]);
  });
  afterAll(() => db.drop());

  it('reads the events back whole, while the tables hold no personal value in clear', async () => {
    const [read] = await store.readStream('case-alice');
    expect(read?.data).toEqual(alice.data);
    expect(read?.metadata).toEqual(alice.metadata);
    const tables = await everything(db);
    for (const secret of ['P-ALICE-0001', 'H-ALICE-HOUSEHOLD', 'P-BOB-0002', 'H-BOB-HOUSEHOLD']) expect(tables).not.toContain(secret);
    expect(tables).toContain('ADI');
  });

  it('after forget, the person’s fields read as erased, the others’ are intact, and the chain still verifies', async () => {
    await waitFor(() => store.seal(), (r) => r.head?.seq === 2, { what: 'both events sealed' });
    expect(await store.forget('P-ALICE-0001')).toBe(true);
    expect(await store.forget('P-ALICE-0001')).toBe(false);

    const [read] = await store.readStream('case-alice');
    expect(read?.data).toEqual({ measure: 'ADI', householdRef: null, assessment: { scores: null, kind: 'preliminary' }, members: null });
    expect(read?.metadata).toMatchObject({ personref: null, ambito: 'LOM-SESTO' });
    expect(read?.metadata['erased']).toEqual(['metadata.personref', 'data.householdRef', 'data.assessment.scores', 'data.members']);
    expect((await store.readStream('case-bob'))[0]?.data).toEqual(bob.data);

    expect(await store.verify()).toEqual({ ok: true, verified: 2, unsealed: 0 });
    const all = await store.readAll();
    expect(all.events.map((e) => e.metadata['personref'])).toEqual([null, 'P-BOB-0002']);
  });

  it('a ciphertext moved onto another event does not open', async () => {
    const client = await db.pool.connect();
    try {
      await client.query('SET session_replication_role = replica');
      await client.query(
        `UPDATE event_store.events SET protected = (SELECT protected FROM event_store.events WHERE stream_id = 'case-bob'),
                key_id = (SELECT key_id FROM event_store.events WHERE stream_id = 'case-bob')
         WHERE stream_id = 'case-alice'`,
      );
    } finally {
      await client.query('RESET session_replication_role');
      client.release();
    }
    await expect(store.readStream('case-alice')).rejects.toThrow(/authenticate/);
  });
});
}
