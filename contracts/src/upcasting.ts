import type { z } from 'zod';
import { dataSchemaOf, type EventDefinition } from './define-event.js';

/**
 * An older version of an event type and how to lift its data one version up.
 * Older versions stay readable forever: stored events and messages in flight
 * are upcast on parse, so consumers only ever see the latest version (ADR 4).
 * Each agency's barrel (e.g. `social-services/index.ts`) lists its upcasters.
 */
export interface Upcaster {
  /** The older version's definition; its schema validates the old data. */
  readonly from: EventDefinition;
  /** Data of `from.version` → data of `from.version + 1`. Pure. */
  upcast(data: unknown): unknown;
}

/** The upcaster of a version whose successor changed only its classification: its data is the next version's as it is. */
export function unchangedData(from: EventDefinition): Upcaster {
  return { from, upcast: (data) => data };
}

/** The upcasters by the `dataschema` of the version each lifts. */
export function upcastersBySchema(upcasters: readonly Upcaster[]): ReadonlyMap<string, Upcaster> {
  return new Map(upcasters.map((u) => [dataSchemaOf(u.from), u]));
}

/**
 * Validates old data with its own version's schema, then lifts it version by
 * version up to `latest` and validates the result with the latest schema.
 */
export function liftToLatest(
  first: Upcaster,
  data: unknown,
  latest: EventDefinition,
  older: ReadonlyMap<string, Upcaster>,
): ReturnType<z.ZodType['safeParse']> {
  let step: Upcaster | undefined = first;
  let current = data;
  while (step) {
    const parsed = step.from.data.safeParse(current, { reportInput: true });
    if (!parsed.success) return parsed;
    current = step.upcast(parsed.data);
    step = older.get(dataSchemaOf({ type: latest.type, version: step.from.version + 1 }));
  }
  return latest.data.safeParse(current, { reportInput: true });
}
