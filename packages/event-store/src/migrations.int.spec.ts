import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '@traiettorie/testing';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadMigrations, migrateEventStore, pendingMigrations } from './migrations.js';
import { provisionEventStore } from './roles.js';
import { describeSchema, legacyMigrationNames, migrateAsBefore } from './schema.fixture.js';

/**
 * The schema a fresh database gets, compared with the committed snapshot
 * (migrations/schema.snapshot.txt): any change to the schema shows in review
 * as a diff of that file. After a deliberate change, rewrite it with
 * UPDATE_SCHEMA_SNAPSHOT=1 and commit it with the migration.
 */
const SNAPSHOT = new URL('../migrations/schema.snapshot.txt', import.meta.url);

/**
 * The SQL of the migrations before they were files sat indented inside
 * template strings, and PostgreSQL keeps a function's body as written: the
 * same body, indented otherwise, is the same function.
 */
const unindented = (schema: string) => schema.replace(/^[ \t]+/gm, '');

describe("the event store's schema", () => {
  let fresh: TestDatabase;
  let freshSchema: string;

  beforeAll(async () => {
    fresh = await createTestDatabase('schema_fresh');
    await provisionEventStore(fresh.pool);
    freshSchema = await describeSchema(fresh.pool);
  });
  afterAll(() => fresh.drop());

  it('is, freshly migrated, the committed snapshot (tables, columns, indexes, triggers, grants, functions)', () => {
    if (process.env.UPDATE_SCHEMA_SNAPSHOT === '1') writeFileSync(SNAPSHOT, freshSchema);
    expect(freshSchema).toBe(readFileSync(SNAPSHOT, 'utf8'));
    // The append function is there whole, as its one SQL file defines it.
    expect(freshSchema).toContain('CREATE OR REPLACE FUNCTION event_store.append(p_stream text, p_expected text, p_batch jsonb)');
  });

  it('records the versions and names the store recorded before the migrations were files, then those added since', async () => {
    const migrations = (await loadMigrations()).map(({ version, name }) => ({ version, name }));
    expect(migrations.slice(0, legacyMigrationNames.length)).toEqual(legacyMigrationNames);
    const { rows } = await fresh.pool.query<{ version: number; name: string }>('SELECT version, name FROM event_store.schema_migrations ORDER BY version');
    expect(rows).toEqual(migrations);
  });

  describe('on a database the store migrated before its migrations were SQL files', () => {
    let old: TestDatabase;
    beforeAll(async () => {
      old = await createTestDatabase('schema_before_files');
    });
    afterAll(() => old.drop());

    it('is up to date: nothing runs again, and the schema is the same as a fresh one', async () => {
      await migrateAsBefore(old.pool);
      await provisionEventStore(old.pool);
      const recorded = (await old.pool.query('SELECT version, name, applied_at FROM event_store.schema_migrations ORDER BY version')).rows;

      expect(await pendingMigrations(old.pool)).toBe(0);
      await migrateEventStore(old.pool, { asRole: 'traiettorie_owner', grantTo: 'traiettorie_app' });
      expect((await old.pool.query('SELECT version, name, applied_at FROM event_store.schema_migrations ORDER BY version')).rows).toEqual(recorded);
      expect(unindented(await describeSchema(old.pool))).toBe(unindented(freshSchema));
    });
  });

  describe('on a database the store left at an older version before its migrations were SQL files', () => {
    let old: TestDatabase;
    beforeAll(async () => {
      old = await createTestDatabase('schema_version_5');
    });
    afterAll(() => old.drop());

    it('applies the versions it lacks and ends with the same schema as a fresh one', async () => {
      await migrateAsBefore(old.pool, 5);
      expect(await pendingMigrations(old.pool)).toBe((await loadMigrations()).length - 5);
      await provisionEventStore(old.pool);
      expect(await pendingMigrations(old.pool)).toBe(0);
      expect(unindented(await describeSchema(old.pool))).toBe(unindented(freshSchema));
    });
  });
});
