import { and, eq } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { AppliedEventsTable } from './applied-events.schema.js';
import type { Projection, ProjectedEvent, ProjectionTransaction } from './projection.js';

/** Events to replay: a list, or batches read one after the other (see `readGlobalLog`). */
export type ReplaySource<E> = readonly E[] | AsyncIterable<readonly E[]>;

export interface RebuildProgress {
  projection: string;
  /** Events read from the source so far. */
  read: number;
  /** Of those, events the projection applied (it handles their type). */
  applied: number;
}

export interface Projector {
  /**
   * Applies a batch in one transaction: the events the projection handles and
   * has not applied yet, in order, recorded as applied with its change.
   * Returns those it applied (redelivered ones and other types are left out).
   */
  apply<E extends ProjectedEvent>(projection: Projection<E>, events: readonly ProjectedEvent[]): Promise<E[]>;
  /** Whether the projection has applied the event. */
  hasApplied(projection: Pick<Projection<ProjectedEvent>, 'name'>, eventId: string): Promise<boolean>;
  /**
   * Rebuilds the projection from scratch in one transaction: empties its
   * tables and its apply-once rows, then applies every event of the source.
   * Readers see the old state until the new one commits.
   */
  rebuild<E extends ProjectedEvent>(
    projection: Projection<E>,
    source: ReplaySource<ProjectedEvent>,
    options?: { onProgress?: (progress: RebuildProgress) => void },
  ): Promise<RebuildProgress>;
}

/** Rows per insert into the apply-once table, well under PostgreSQL's parameter limit. */
const INSERT_CHUNK = 5_000;

/** Applies projections once per (projection, event id), with the apply-once rows in `appliedEvents`. */
export function createProjector(db: NodePgDatabase, appliedEvents: AppliedEventsTable): Projector {
  async function applyIn<E extends ProjectedEvent>(tx: ProjectionTransaction, projection: Projection<E>, events: readonly ProjectedEvent[]): Promise<E[]> {
    const handled = firstOfEachId(events.filter(projection.accepts));
    if (handled.length === 0) return [];
    // Sorted, so that two transactions recording overlapping batches take the rows' locks in the same order.
    const ids = handled.map((event) => event.id.toLowerCase()).sort();
    const fresh = new Set<string>();
    for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
      const rows = await tx
        .insert(appliedEvents)
        .values(ids.slice(i, i + INSERT_CHUNK).map((eventId) => ({ projection: projection.name, eventId })))
        .onConflictDoNothing()
        .returning({ eventId: appliedEvents.eventId });
      for (const row of rows) fresh.add(row.eventId);
    }
    const toApply = handled.filter((event) => fresh.has(event.id.toLowerCase()));
    if (toApply.length > 0) await projection.project(toApply, tx);
    return toApply;
  }

  return {
    apply: (projection, events) => db.transaction((tx) => applyIn(tx, projection, events)),

    async hasApplied(projection, eventId) {
      const rows = await db
        .select({ eventId: appliedEvents.eventId })
        .from(appliedEvents)
        .where(and(eq(appliedEvents.projection, projection.name), eq(appliedEvents.eventId, eventId)));
      return rows.length > 0;
    },

    rebuild: (projection, source, options = {}) =>
      db.transaction(async (tx) => {
        for (const table of projection.tables) await tx.delete(table);
        await tx.delete(appliedEvents).where(eq(appliedEvents.projection, projection.name));
        const progress: RebuildProgress = { projection: projection.name, read: 0, applied: 0 };
        for await (const batch of batchesOf(source)) {
          progress.read += batch.length;
          progress.applied += (await applyIn(tx, projection, batch)).length;
          options.onProgress?.({ ...progress });
        }
        return progress;
      }),
  };
}

function firstOfEachId<E extends ProjectedEvent>(events: readonly E[]): E[] {
  const seen = new Set<string>();
  return events.filter((event) => {
    const id = event.id.toLowerCase();
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

async function* batchesOf<E>(source: ReplaySource<E>): AsyncIterable<readonly E[]> {
  if (Symbol.asyncIterator in source) yield* source;
  else yield source as readonly E[];
}
