import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@traiettorie/testing';
import type { StoreDatabase } from './contract-database.js';
import { catalogueClassification, pactSignedV2, ValidationError } from '@traiettorie/contracts';
import { randomBytes, randomUUID } from 'node:crypto';
import { createConfigKeyWrapper } from './key-encryption.js';
import { migrateEventStore } from './migrations.js';
import type { EventStore } from './event-store.js';
import { createPostgresEventStore } from './postgres-event-store.js';
import { testChainKeys } from './hash-chain.contract.js';
import { PersonForgottenError, type PersonalDataPolicy } from './personal-data.js';

const keyEncryptionKey = createConfigKeyWrapper([{ id: 'test-kek', key: randomBytes(32) }]);
const chainKeys = testChainKeys();

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
    store = createPostgresEventStore(db.pool, { personalData: policy, keyEncryptionKey, chainKeys });
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

    expect(await store.verify()).toMatchObject({ ok: true, verified: 2, unsealed: 0 });
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

describe(`classified data on ${backend}: never stored without a person reference`, () => {
  let db: StoreDatabase;
  let store: EventStore;
  beforeAll(async () => {
    db = await createDatabase();
    await migrateEventStore(db.pool);
    store = createPostgresEventStore(db.pool, { personalData: policy, keyEncryptionKey, chainKeys });
  });
  afterAll(() => db.drop());

  const withMetadata = (metadata: Record<string, unknown>) => ({ ...opened('P-UNUSED-0000', 'H-CLEAR-HOUSEHOLD'), metadata });
  it.each([
    ['missing', { source: '/agencies/social-services/test' }, ['required-for-classified-data']],
    ['not a string', { personref: 42 }, ['type:string', 'required-for-classified-data']],
    ['empty', { personref: '  ' }, ['type:string']],
    ['spelled personRef', { personRef: 'P-CAREL-0001' }, ['personref-spelling', 'required-for-classified-data']],
    ['spelled person_ref', { person_ref: 'P-CAREL-0001', personref: 'P-CAREL-0001' }, ['personref-spelling']],
  ])('refuses an event with classified fields when metadata.personref is %s, naming it and the fields', async (_, metadata, rules) => {
    const error = await store.appendToStream('case-clear', [withMetadata(metadata)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const issues = (error as ValidationError).issues;
    expect(issues.map((i) => i.rule).filter((r) => r !== 'needs-personref')).toEqual(rules);
    if (rules.includes('required-for-classified-data')) {
      expect(issues.find((i) => i.rule === 'required-for-classified-data')).toMatchObject({ path: 'metadata.personref' });
      expect(issues.filter((i) => i.rule === 'needs-personref').map((i) => i.path)).toEqual(['data.householdRef', 'data.assessment.scores', 'data.members']);
    }
    expect(JSON.stringify(issues)).not.toMatch(/H-CLEAR-HOUSEHOLD|P-UNUSED|P-CAREL/);
    expect(await store.streamVersion('case-clear')).toBe(0);
    expect(await everything(db)).not.toContain('H-CLEAR-HOUSEHOLD');
  });

  it('stores an event without classified fields and without a person reference as it is', async () => {
    await store.appendToStream('case-plain', [{ id: randomUUID(), type: 'Unclassified', data: { note: 'x' }, metadata: {} }]);
    expect((await store.readStream('case-plain'))[0]?.data).toEqual({ note: 'x' });
  });
});

describe(`references to other persons on ${backend}: erased with the person they name`, () => {
  let db: StoreDatabase;
  let store: EventStore;
  const subject = 'P-HEAD-0001';
  const member = 'P-MEMBER-0002';
  const pact = (members: string[]) => ({
    id: randomUUID(),
    type: 'PactSigned',
    data: {
      ...pactSignedV2.example,
      pactId: randomUUID(),
      boundMembers: members,
      objectives: [{ code: 'EMP-1', description: 'Secret objective about the household' }],
    },
    metadata: { source: '/agencies/social-services/test', personref: subject },
  });
  beforeAll(async () => {
    db = await createDatabase();
    await migrateEventStore(db.pool);
    store = createPostgresEventStore(db.pool, { personalData: catalogueClassification, keyEncryptionKey });
  });
  afterAll(() => db.drop());

  it('PactSigned: forgetting a bound member erases that member only; forgetting the subject erases everything', async () => {
    const signed = pact([subject, member]);
    await store.appendToStream('case-pact', [signed]);
    const tables = await everything(db);
    for (const secret of [subject, member, 'Secret objective']) expect(tables).not.toContain(secret);
    expect((await store.readStream('case-pact'))[0]?.data).toEqual(signed.data);

    expect(await store.forget(member)).toBe(true);
    const [afterMember] = await store.readStream('case-pact');
    expect(afterMember?.data).toEqual({ ...signed.data, boundMembers: [subject, null] });
    expect(afterMember?.metadata).toMatchObject({ personref: subject, erased: ['data.boundMembers.1'] });

    // Written after the member was forgotten: the reference is stored already erased; the subject's append is not refused.
    const later = pact([subject, member]);
    await store.appendToStream('case-pact', [later]);
    expect((await store.readStream('case-pact'))[1]?.data).toEqual({ ...later.data, boundMembers: [subject, null] });
    // The forgotten member as the subject of an event: refused, never a fresh key.
    await expect(store.appendToStream('case-member', [{ ...pact([member]), metadata: { personref: member } }])).rejects.toBeInstanceOf(
      PersonForgottenError,
    );

    expect(await store.forget(subject)).toBe(true);
    const [afterSubject] = await store.readStream('case-pact');
    expect(afterSubject?.data).toEqual({ ...signed.data, boundMembers: null, objectives: null });
    expect(afterSubject?.metadata['erased']).toEqual(['metadata.personref', 'data.boundMembers', 'data.objectives']);
  });
});
}
