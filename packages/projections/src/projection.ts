import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgTable } from 'drizzle-orm/pg-core';

/** The transaction a projection writes through: its apply-once rows commit with its change. */
export type ProjectionTransaction = Parameters<Parameters<NodePgDatabase['transaction']>[0]>[0];

/** What a projection needs of an event: its id (apply-once) and its type (routing). */
export interface ProjectedEvent {
  id: string;
  type: string;
}

export interface ProjectionDefinition<E extends ProjectedEvent> {
  /**
   * Names the projection's apply-once set (the rows keyed by projection name
   * and event id). Never reuse or rename it: a new name applies every event again.
   */
  name: string;
  /** The event types the projection applies; others are left out before `project` runs. */
  handles: readonly E['type'][];
  /**
   * Applies events this projection has not applied yet, in delivery order, in
   * the transaction that also records them as applied: a batch commits whole
   * or not at all, and a redelivered event never reaches `project` again.
   */
  project(events: readonly E[], tx: ProjectionTransaction): Promise<void>;
  /** The tables that hold the projection's state and only its state: a rebuild empties them. */
  tables: readonly PgTable[];
}

export interface Projection<E extends ProjectedEvent> extends ProjectionDefinition<E> {
  /** Whether the projection applies events of this type. */
  accepts(event: ProjectedEvent): event is E;
}

/**
 * Declares a projection: its name, the event types it handles and how it
 * applies them. Apply-once per (projection, event id), batch application and
 * rebuild by replay come from the `Projector` (see `createProjector`).
 */
export function defineProjection<E extends ProjectedEvent>(definition: ProjectionDefinition<E>): Projection<E> {
  if (!/^[a-z][a-z0-9-]*$/.test(definition.name)) throw new Error(`projection name "${definition.name}": lower-case words joined by hyphens`);
  const handled = new Set<string>(definition.handles);
  return { ...definition, accepts: (event): event is E => handled.has(event.type) };
}
