import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { toNewEvent } from '@traiettorie/command-handling';
import { createPostgresEventStore, migrateEventStore } from '@traiettorie/event-store';
import { createProjector, readGlobalLog, type RebuildProgress } from '@traiettorie/projections';
import { createTestDatabase, sampleEvent, waitFor, type TestDatabase } from '@traiettorie/testing';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MIGRATIONS_FOLDER } from '../database.module.js';
import type { CaseSummaryEvent } from './case-summary.projection.js';
import { caseSummaryProjection } from './case-summary.read-model.js';
import { CaseSummaryRepository } from './case-summary.repository.js';
import { processedEvents } from './case-summary.schema.js';

/** One case's pathway across both agencies. */
function pathway(caseId = randomUUID()): CaseSummaryEvent[] {
  return [
    sampleEvent('CaseOpened', { caseId, time: '2026-10-02T08:00:00.000Z' }),
    sampleEvent('AssessmentCompleted', { caseId, time: '2026-10-20T14:30:00.000Z' }),
    sampleEvent('EmploymentReferralReceived', { caseId, time: '2026-10-21T09:00:00.000Z' }),
    sampleEvent('PactSigned', { caseId, time: '2026-11-03T10:00:00.000Z' }),
  ];
}

describe('the case summary read model', () => {
  let db: TestDatabase;
  let orm: NodePgDatabase;
  beforeEach(async () => {
    db = await createTestDatabase('read_models');
    orm = drizzle({ client: db.pool });
  });
  afterEach(async () => {
    await db.drop();
  });

  const summaries = () => new CaseSummaryRepository(orm, createProjector(orm, processedEvents));
  const rows = async (table: 'case_summaries' | 'processed_events') =>
    (await db.pool.query(`SELECT * FROM read_models.${table} ORDER BY 1, 2`)).rows.map(({ processed_at: _at, ...row }: Record<string, unknown>) => row);

  describe('when a deployed read model, which applied events before projections had names, is migrated', () => {
    /** The migrations as they were before apply-once per projection: the first one only. */
    async function migrationsBeforeProjections(): Promise<string> {
      const folder = await mkdtemp(path.join(os.tmpdir(), 'read-models-0000-'));
      await cp(MIGRATIONS_FOLDER, folder, { recursive: true });
      const journalFile = path.join(folder, 'meta', '_journal.json');
      const journal = JSON.parse(await readFile(journalFile, 'utf8')) as { entries: { tag: string }[] };
      journal.entries = journal.entries.filter((entry) => entry.tag === '0000_case_summaries');
      await writeFile(journalFile, JSON.stringify(journal));
      return folder;
    }

    it('what it applied stays applied by the case summary: a redelivery changes nothing, the next event applies', async () => {
      const [opened, assessed, referred] = pathway();
      const old = await migrationsBeforeProjections();
      try {
        await migrate(orm, { migrationsFolder: old });
      } finally {
        await rm(old, { recursive: true, force: true });
      }
      // What the read model wrote before: the event's id alone, and the summary it made.
      await db.pool.query('INSERT INTO read_models.processed_events (event_id) VALUES ($1), ($2)', [opened!.id, assessed!.id]);
      await db.pool.query(
        `INSERT INTO read_models.case_summaries (case_id, status, ambito, person_ref, agencies, last_event_type, last_event_id, last_event_at,
           opened_at, assessed_at, event_count)
         VALUES ($1, 'assessed', $2, $3, '{social-services}', 'AssessmentCompleted', $4, $5, $6, $5, 2)`,
        [opened!.subject, opened!.ambito, opened!.personref, assessed!.id, assessed!.time, opened!.time],
      );

      await migrate(orm, { migrationsFolder: MIGRATIONS_FOLDER });
      const before = await summaries().get(opened!.subject);

      expect(await rows('processed_events')).toEqual(
        [opened!.id, assessed!.id].sort().map((id) => ({ projection: 'case-summary', event_id: id })),
      );
      expect(await summaries().hasApplied(opened!.id)).toBe(true);
      expect(await summaries().apply([opened!, assessed!])).toEqual([]);
      expect(await summaries().get(opened!.subject)).toEqual(before);
      expect(before).toMatchObject({ status: 'assessed', eventCount: 2 });

      expect(await summaries().apply([assessed!, referred!])).toEqual([referred]);
      expect(await summaries().get(opened!.subject)).toMatchObject({
        status: 'assessed',
        eventCount: 3,
        agencies: ['employment-centre', 'social-services'],
        employmentReferralAt: '2026-10-21T09:00:00.000Z',
      });
    });
  });

  describe('applied live, in batches', () => {
    beforeEach(async () => {
      await migrate(orm, { migrationsFolder: MIGRATIONS_FOLDER });
    });

    it('when two partitions apply batches of the same cases at once › each event counts once, as if applied one by one', async () => {
      const cases = Array.from({ length: 8 }, () => pathway());
      // Each case's social-services events on one partition, its employment centre's on the other, both delivered twice.
      const social = cases.flatMap((events) => events.filter((e) => e.type !== 'EmploymentReferralReceived'));
      const employment = cases.flatMap((events) => events.filter((e) => e.type === 'EmploymentReferralReceived'));
      const one = summaries();
      const two = summaries();

      await Promise.all([one.apply(social), two.apply(employment), one.apply(employment), two.apply(social.slice(5))]);

      const byCase = await Promise.all(cases.map((events) => one.get(events[0]!.subject)));
      expect(byCase.map((s) => [s?.status, s?.eventCount, s?.agencies])).toEqual(
        cases.map(() => ['pact-signed', 4, ['employment-centre', 'social-services']]),
      );
      expect(await rows('processed_events')).toHaveLength(32);
    });

    it('when rebuilt by replaying the event store’s global log › the summaries are those live application made', async () => {
      await migrateEventStore(db.pool);
      const store = createPostgresEventStore(db.pool);
      const cases = Array.from({ length: 5 }, () => pathway());
      for (const events of cases) {
        const isReferral = (e: CaseSummaryEvent) => e.type === 'EmploymentReferralReceived';
        await store.appendToStream(`case-${events[0]!.subject}`, events.filter((e) => !isReferral(e)).map(toNewEvent));
        await store.appendToStream(`employment-${events[0]!.subject}`, events.filter(isReferral).map(toNewEvent));
      }
      // Live: interleaved batches, partly delivered twice, the referrals before the cases they refer to.
      const all = cases.flat();
      const referrals = all.filter((e) => e.type === 'EmploymentReferralReceived');
      for (const batch of [referrals, all.slice(0, 7), all.slice(3, 15), all.slice(12)]) await summaries().apply(batch);
      const live = { summaries: await rows('case_summaries'), applied: await rows('processed_events') };
      await db.pool.query("UPDATE read_models.case_summaries SET status = 'open', event_count = 1");

      // The global log shows a commit once every older transaction on the server has ended (ADR 2): other suites share the server.
      await waitFor(() => store.readAll({ limit: 100 }).then((r) => r.events.length), (n) => n === 20, { what: 'the 20 events in the global log' });
      const progress: RebuildProgress[] = [];
      const report = await createProjector(orm, processedEvents).rebuild(caseSummaryProjection, readGlobalLog(store, { types: caseSummaryProjection.handles, batchSize: 7 }), {
        onProgress: (p) => progress.push(p),
      });

      expect({ summaries: await rows('case_summaries'), applied: await rows('processed_events') }).toEqual(live);
      expect(report).toEqual({ projection: 'case-summary', read: 20, applied: 20 });
      expect(progress.map((p) => p.read)).toEqual([7, 14, 20]);
    });
  });
});
