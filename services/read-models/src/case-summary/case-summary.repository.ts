import type { Projector } from '@traiettorie/projections';
import type { ReadExtent } from '@traiettorie/access';
import { and, desc, eq, inArray, like, or } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { CaseStatus, CaseSummary, CaseSummaryEvent } from './case-summary.projection.js';
import { caseSummaryProjection, fromRow } from './case-summary.read-model.js';
import { caseSummaries } from './case-summary.schema.js';

/** Reads case summaries through Drizzle, and applies events to them through the projector. */
export class CaseSummaryRepository {
  constructor(
    private readonly db: NodePgDatabase,
    private readonly projector: Projector,
  ) {}

  /**
   * Applies a batch in one transaction, each event once: the events' apply-once
   * rows and the summaries' change commit together, so a redelivered event
   * changes nothing. Returns the events it applied (duplicates left out).
   */
  async apply(events: readonly CaseSummaryEvent[]): Promise<CaseSummaryEvent[]> {
    return this.projector.apply(caseSummaryProjection, events);
  }

  /** Whether the case summary projection has applied the event. */
  async hasApplied(eventId: string): Promise<boolean> {
    return this.projector.hasApplied(caseSummaryProjection, eventId);
  }

  async get(caseId: string): Promise<CaseSummary | undefined> {
    const [row] = await this.db.select().from(caseSummaries).where(eq(caseSummaries.caseId, caseId));
    return row && fromRow(row);
  }

  /** A page of summaries, only within `extent` (the Ambiti or regions the reader may see). */
  async list(filter: { status?: CaseStatus; ambito?: string; limit: number; offset: number; extent: ReadExtent }): Promise<CaseSummary[]> {
    const { extent } = filter;
    if ('ambiti' in extent && extent.ambiti.length === 0) return [];
    const within =
      'ambiti' in extent
        ? inArray(caseSummaries.ambito, [...extent.ambiti])
        : 'regions' in extent
          ? or(...extent.regions.map((region) => like(caseSummaries.ambito, `${region}-%`)))
          : undefined;
    const rows = await this.db
      .select()
      .from(caseSummaries)
      .where(
        and(
          filter.status ? eq(caseSummaries.status, filter.status) : undefined,
          filter.ambito ? eq(caseSummaries.ambito, filter.ambito) : undefined,
          within,
        ),
      )
      .orderBy(desc(caseSummaries.lastEventAt), caseSummaries.caseId)
      .limit(filter.limit)
      .offset(filter.offset);
    return rows.map(fromRow);
  }
}
