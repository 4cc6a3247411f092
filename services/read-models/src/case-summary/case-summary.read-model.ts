import { defineProjection } from '@traiettorie/projections';
import { getTableColumns, inArray, sql } from 'drizzle-orm';
import { caseSummaryEventTypes, projectCaseSummary, type CaseStatus, type CaseSummary, type CaseSummaryEvent } from './case-summary.projection.js';
import { caseSummaries } from './case-summary.schema.js';

type Row = typeof caseSummaries.$inferSelect;

/**
 * Case summaries as a projection: a batch reads the summaries of its cases
 * once, folds each case's events in delivery order, and writes them back in
 * one statement; the projector records the events as applied in the same
 * transaction.
 */
export const caseSummaryProjection = defineProjection<CaseSummaryEvent>({
  name: 'case-summary',
  handles: caseSummaryEventTypes,
  tables: [caseSummaries],
  async project(events, tx) {
    const byCase = new Map<string, CaseSummaryEvent[]>();
    for (const event of events) byCase.set(event.subject, [...(byCase.get(event.subject) ?? []), event]);
    // Serialises a case's events across partitions and instances; sorted, so two batches cannot deadlock.
    const caseIds = [...byCase.keys()].sort();
    await tx.execute(sql`SELECT ${sql.join(caseIds.map((id) => sql`pg_advisory_xact_lock(hashtext(${id}))`), sql`, `)}`);
    const current = new Map((await tx.select().from(caseSummaries).where(inArray(caseSummaries.caseId, caseIds))).map((row) => [row.caseId, fromRow(row)]));
    const next = caseIds.map((caseId) => toRow(byCase.get(caseId)!.reduce<CaseSummary | undefined>(projectCaseSummary, current.get(caseId))!));
    await tx.insert(caseSummaries).values(next).onConflictDoUpdate({ target: caseSummaries.caseId, set: excludedColumns });
  },
});

/** Every column set from the proposed row (`excluded`), for an upsert of whole rows. */
const excludedColumns = Object.fromEntries(Object.entries(getTableColumns(caseSummaries)).map(([key, column]) => [key, sql.raw(`excluded."${column.name}"`)]));

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const date = (s: string | null) => (s ? new Date(s) : null);

export function fromRow(row: Row): CaseSummary {
  return {
    ...row,
    status: row.status as CaseStatus | null,
    lastEventAt: row.lastEventAt.toISOString(),
    openedAt: iso(row.openedAt),
    assessedAt: iso(row.assessedAt),
    pactSignedAt: iso(row.pactSignedAt),
    closedAt: iso(row.closedAt),
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
    closedAt: date(summary.closedAt),
    employmentReferralAt: date(summary.employmentReferralAt),
  };
}
