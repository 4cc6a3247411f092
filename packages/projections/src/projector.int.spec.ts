import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { HubEvent } from '@traiettorie/contracts';
import { createTestDatabase, sampleEvent, type TestDatabase } from '@traiettorie/testing';
import { sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { integer, pgSchema, text, uuid } from 'drizzle-orm/pg-core';
import { randomUUID } from 'node:crypto';
import { appliedEventsTable } from './applied-events.schema.js';
import { defineProjection } from './projection.js';
import { createProjector, type Projector, type RebuildProgress } from './projector.js';

const schema = pgSchema('projection_test');
const appliedEvents = appliedEventsTable(schema);
const openings = schema.table('openings', { eventId: uuid('event_id').primaryKey(), caseId: uuid('case_id').notNull() });
const activity = schema.table('activity', { caseId: uuid('case_id').primaryKey(), events: integer('events').notNull(), types: text('types').notNull() });

/** Every case opening, one row each: handles CaseOpened only. */
const caseOpenings = defineProjection<HubEvent<'CaseOpened'>>({
  name: 'case-openings',
  handles: ['CaseOpened'],
  tables: [openings],
  async project(events, tx) {
    await tx.insert(openings).values(events.map((e) => ({ eventId: e.id, caseId: e.subject })));
  },
});

/** How many events of a case it has seen, in order: handles CaseOpened too, and AssessmentCompleted. */
const caseActivity = defineProjection<HubEvent<'CaseOpened' | 'AssessmentCompleted'>>({
  name: 'case-activity',
  handles: ['CaseOpened', 'AssessmentCompleted'],
  tables: [activity],
  async project(events, tx) {
    for (const event of events) {
      await tx
        .insert(activity)
        .values({ caseId: event.subject, events: 1, types: event.type })
        .onConflictDoUpdate({ target: activity.caseId, set: { events: sql`${activity.events} + 1`, types: sql`${activity.types} || ',' || ${event.type}` } });
    }
  },
});

describe('projections applying events once each, per projection', () => {
  let db: TestDatabase;
  let orm: NodePgDatabase;
  let projector: Projector;

  beforeAll(async () => {
    db = await createTestDatabase('projections');
    orm = drizzle({ client: db.pool });
    // What a service's Drizzle migration creates from `appliedEventsTable(schema)` and its projections' tables.
    await db.pool.query(`
      CREATE SCHEMA projection_test;
      CREATE TABLE projection_test.processed_events (
        projection text NOT NULL, event_id uuid NOT NULL, processed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT processed_events_pkey PRIMARY KEY (projection, event_id));
      CREATE TABLE projection_test.openings (event_id uuid PRIMARY KEY, case_id uuid NOT NULL);
      CREATE TABLE projection_test.activity (case_id uuid PRIMARY KEY, events integer NOT NULL, types text NOT NULL);`);
    projector = createProjector(orm, appliedEvents);
  });
  beforeEach(async () => {
    await db.pool.query('TRUNCATE projection_test.processed_events, projection_test.openings, projection_test.activity');
  });
  afterAll(async () => {
    await db.drop();
  });

  async function state() {
    const [o, a, applied] = await Promise.all([
      db.pool.query('SELECT event_id, case_id FROM projection_test.openings ORDER BY event_id'),
      db.pool.query('SELECT case_id, events, types FROM projection_test.activity ORDER BY case_id'),
      db.pool.query('SELECT projection, event_id FROM projection_test.processed_events ORDER BY projection, event_id'),
    ]);
    return { openings: o.rows, activity: a.rows, applied: applied.rows as { projection: string; event_id: string }[] };
  }

  it('when two projections handle the same event › each applies it once, and neither skips the other’s events', async () => {
    const caseId = randomUUID();
    const opened = sampleEvent('CaseOpened', { caseId });
    const assessed = sampleEvent('AssessmentCompleted', { caseId });
    const batch = [opened, assessed];

    // The first projection applies the shared event before the second sees it.
    expect((await projector.apply(caseOpenings, batch)).map((e) => e.id)).toEqual([opened.id]);
    expect((await projector.apply(caseActivity, batch)).map((e) => e.id)).toEqual([opened.id, assessed.id]);

    const after = await state();
    expect(after.openings).toEqual([{ event_id: opened.id, case_id: caseId }]);
    expect(after.activity).toEqual([{ case_id: caseId, events: 2, types: 'CaseOpened,AssessmentCompleted' }]);
    expect(after.applied).toEqual(
      [
        { projection: 'case-activity', event_id: opened.id },
        { projection: 'case-activity', event_id: assessed.id },
        { projection: 'case-openings', event_id: opened.id },
      ].sort((a, b) => a.projection.localeCompare(b.projection) || a.event_id.localeCompare(b.event_id)),
    );
    expect(await projector.hasApplied(caseOpenings, opened.id)).toBe(true);
    expect(await projector.hasApplied(caseOpenings, assessed.id)).toBe(false);
    expect(await projector.hasApplied(caseActivity, assessed.id)).toBe(true);
  });

  it('when a batch is delivered again, whole or in part › nothing changes', async () => {
    const caseId = randomUUID();
    const opened = sampleEvent('CaseOpened', { caseId });
    const assessed = sampleEvent('AssessmentCompleted', { caseId });
    await projector.apply(caseOpenings, [opened, assessed]);
    await projector.apply(caseActivity, [opened, assessed]);
    const before = await state();

    expect(await projector.apply(caseOpenings, [opened, assessed])).toEqual([]);
    expect(await projector.apply(caseActivity, [assessed])).toEqual([]);
    expect(await projector.apply(caseActivity, [opened, assessed, opened])).toEqual([]);
    expect(await state()).toEqual(before);
  });

  it('when a batch holds the same event twice and a new one › the new one is applied, the repeated one once', async () => {
    const caseId = randomUUID();
    const opened = sampleEvent('CaseOpened', { caseId });
    const assessed = sampleEvent('AssessmentCompleted', { caseId });

    const applied = await projector.apply(caseActivity, [opened, opened, assessed, { ...opened, id: opened.id.toUpperCase() }]);

    expect(applied.map((e) => e.id)).toEqual([opened.id, assessed.id]);
    expect((await state()).activity).toEqual([{ case_id: caseId, events: 2, types: 'CaseOpened,AssessmentCompleted' }]);
  });

  it('when the projection fails mid-batch › nothing of the batch is recorded as applied, and the next delivery applies it', async () => {
    const opened = sampleEvent('CaseOpened');
    const failing = defineProjection<HubEvent<'CaseOpened'>>({
      ...caseOpenings,
      async project(events, tx) {
        await caseOpenings.project(events, tx);
        throw new Error('the database went away');
      },
    });

    await expect(projector.apply(failing, [opened])).rejects.toThrow('the database went away');
    expect(await projector.hasApplied(caseOpenings, opened.id)).toBe(false);
    expect((await state()).openings).toEqual([]);

    expect((await projector.apply(caseOpenings, [opened])).map((e) => e.id)).toEqual([opened.id]);
    expect((await state()).openings).toEqual([{ event_id: opened.id, case_id: opened.subject }]);
  });

  it('when a projection is rebuilt from the events › its state is what live application made, the other projection untouched', async () => {
    const cases = [randomUUID(), randomUUID(), randomUUID()];
    const log = cases.flatMap((caseId) => [sampleEvent('CaseOpened', { caseId }), sampleEvent('AssessmentCompleted', { caseId })]);
    // Live: batches of two with redeliveries, as a consumer sees them after a restart.
    for (const batch of [log.slice(0, 2), log.slice(1, 4), log.slice(0, 6), log.slice(4)]) {
      await projector.apply(caseOpenings, batch);
      await projector.apply(caseActivity, batch);
    }
    const live = await state();
    await db.pool.query("UPDATE projection_test.activity SET events = 99, types = 'drifted'");

    const progress: RebuildProgress[] = [];
    const report = await projector.rebuild(caseActivity, batchesOf(log, 4), { onProgress: (p) => progress.push(p) });

    expect(await state()).toEqual(live);
    expect(report).toEqual({ projection: 'case-activity', read: 6, applied: 6 });
    expect(progress).toEqual([
      { projection: 'case-activity', read: 4, applied: 4 },
      { projection: 'case-activity', read: 6, applied: 6 },
    ]);
    // Rebuilt from a list of events as well, the other projection gives the same state.
    expect(await projector.rebuild(caseOpenings, log)).toEqual({ projection: 'case-openings', read: 6, applied: 3 });
    expect(await state()).toEqual(live);
  });
});

async function* batchesOf<T>(items: readonly T[], size: number): AsyncIterable<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
