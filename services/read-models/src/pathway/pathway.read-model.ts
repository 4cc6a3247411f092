import { defineProjection, type Projector } from '@traiettorie/projections';
import { eq, inArray, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { pathwayEventTypes, projectPathway, type Pathway, type PathwayEvent, type PathwayStage } from './pathway.projection.js';
import { pathways } from './pathway.schema.js';

type Row = typeof pathways.$inferSelect;

/** Pathways as a projection: a batch reads its cases' rows once, folds each case's events, and writes them back in one statement. */
export const pathwayProjection = defineProjection<PathwayEvent>({
  name: 'pathway',
  handles: pathwayEventTypes,
  tables: [pathways],
  async project(events, tx) {
    const byCase = new Map<string, PathwayEvent[]>();
    for (const event of events) byCase.set(event.subject, [...(byCase.get(event.subject) ?? []), event]);
    // Serialises a case's events across partitions and instances; sorted, so two batches cannot deadlock.
    const caseIds = [...byCase.keys()].sort();
    await tx.execute(sql`SELECT ${sql.join(caseIds.map((id) => sql`pg_advisory_xact_lock(hashtext(${'pathway:' + id}))`), sql`, `)}`);
    const current = new Map((await tx.select().from(pathways).where(inArray(pathways.caseId, caseIds))).map((row) => [row.caseId, fromRow(row)]));
    const next = caseIds.map((caseId) => byCase.get(caseId)!.reduce<Pathway | undefined>(projectPathway, current.get(caseId))!);
    await tx
      .insert(pathways)
      .values(next)
      .onConflictDoUpdate({
        target: pathways.caseId,
        set: { ambito: sql`excluded.ambito`, personRef: sql`excluded.person_ref`, stage: sql`excluded.stage`, agencies: sql`excluded.agencies`, milestones: sql`excluded.milestones` },
      });
  },
});

function fromRow(row: Row): Pathway {
  return { ...row, stage: row.stage as PathwayStage | null };
}

/** Reads pathways, and applies events to them through the projector. */
export class PathwayRepository {
  constructor(
    private readonly db: NodePgDatabase,
    private readonly projector: Projector,
  ) {}

  async apply(events: readonly PathwayEvent[]): Promise<PathwayEvent[]> {
    return this.projector.apply(pathwayProjection, events);
  }

  async hasApplied(eventId: string): Promise<boolean> {
    return this.projector.hasApplied(pathwayProjection, eventId);
  }

  async get(caseId: string): Promise<Pathway | undefined> {
    const [row] = await this.db.select().from(pathways).where(eq(pathways.caseId, caseId));
    return row && fromRow(row);
  }
}
