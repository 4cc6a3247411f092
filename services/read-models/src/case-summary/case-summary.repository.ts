import { and, desc, eq, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { caseSummaries, processedEvents } from './case-summary.schema.js';
import { projectCaseSummary, type CaseStatus, type CaseSummary, type CaseSummaryEvent } from './case-summary.projection.js';

type Row = typeof caseSummaries.$inferSelect;

/** Reads and writes case summaries through Drizzle. */
export class CaseSummaryRepository {
  constructor(private readonly db: NodePgDatabase) {}

  /**
   * Applies an event once: the processed-event id and the summary change commit
   * together, so a redelivered event changes nothing. Returns false for a duplicate.
   */
  async apply(event: CaseSummaryEvent): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const fresh = await tx.insert(processedEvents).values({ eventId: event.id }).onConflictDoNothing().returning();
      if (fresh.length === 0) return false;
      // Serialises events of one case across partitions and instances.
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${event.subject}))`);
      const [row] = await tx.select().from(caseSummaries).where(eq(caseSummaries.caseId, event.subject));
      const next = toRow(projectCaseSummary(row && fromRow(row), event));
      await tx.insert(caseSummaries).values(next).onConflictDoUpdate({ target: caseSummaries.caseId, set: next });
      return true;
    });
  }

  /** Whether this read model has applied the event (its id is in `processed_events`). */
  async hasApplied(eventId: string): Promise<boolean> {
    const rows = await this.db.select({ eventId: processedEvents.eventId }).from(processedEvents).where(eq(processedEvents.eventId, eventId));
    return rows.length > 0;
  }

  async get(caseId: string): Promise<CaseSummary | undefined> {
    const [row] = await this.db.select().from(caseSummaries).where(eq(caseSummaries.caseId, caseId));
    return row && fromRow(row);
  }

  async list(filter: { status?: CaseStatus; ambito?: string; limit: number; offset: number }): Promise<CaseSummary[]> {
    const rows = await this.db
      .select()
      .from(caseSummaries)
      .where(
        and(
          filter.status ? eq(caseSummaries.status, filter.status) : undefined,
          filter.ambito ? eq(caseSummaries.ambito, filter.ambito) : undefined,
        ),
      )
      .orderBy(desc(caseSummaries.lastEventAt), caseSummaries.caseId)
      .limit(filter.limit)
      .offset(filter.offset);
    return rows.map(fromRow);
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const date = (s: string | null) => (s ? new Date(s) : null);

function fromRow(row: Row): CaseSummary {
  return {
    ...row,
    status: row.status as CaseStatus | null,
    lastEventAt: row.lastEventAt.toISOString(),
    openedAt: iso(row.openedAt),
    assessedAt: iso(row.assessedAt),
    pactSignedAt: iso(row.pactSignedAt),
    employmentReferralAt: iso(row.employmentReferralAt),
  };
}

function toRow(summary: CaseSummary): Row {
  return {
    ...summary,
    lastEventAt: new Date(summary.lastEventAt),
    openedAt: date(summary.openedAt),
    assessedAt: date(summary.assessedAt),
    pactSignedAt: date(summary.pactSignedAt),
    employmentReferralAt: date(summary.employmentReferralAt),
  };
}
