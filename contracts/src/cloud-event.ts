import { z } from 'zod';
import { agencyKinds, ambitoCode, caseId, isoDateTime, personRef, type AgencyKind } from './common.js';

/**
 * CloudEvents 1.0 context attributes plus the hub's extensions. `subject` is
 * the case id; `source` names the emitting agency as `/agencies/<kind>/<id>`.
 */
export const cloudEventAttributes = z.strictObject({
  specversion: z.literal('1.0'),
  id: z.uuid(),
  source: z
    .string()
    .regex(new RegExp(`^/agencies/(${agencyKinds.join('|')})/[a-z0-9][a-z0-9-]{0,62}$`), '/agencies/<agency kind>/<agency id>'),
  type: z.string().min(1),
  time: isoDateTime,
  subject: caseId,
  datacontenttype: z.literal('application/json'),
  dataschema: z.string().min(1),
  /** Extension: the Ambito territoriale responsible for the case. */
  ambito: ambitoCode,
  /** Extension: pseudonymous person reference. */
  personref: personRef,
  /** Extension: the legal basis of the processing, e.g. `DL-48-2023-art-4`. */
  legalbasis: z.string().min(1).max(120),
  /** Extension: W3C trace context of the command that caused the event. */
  traceparent: z.string().optional(),
  /**
   * Extension (CloudEvents Partitioning, the Kafka binding's key mapping):
   * the Kafka key. Optional; when present it must be the case id (`subject`),
   * which keeps one case's events in one partition, in order.
   */
  partitionkey: z.string().min(1).max(64).optional(),
});

export type CloudEventAttributes = z.output<typeof cloudEventAttributes>;

export interface CloudEvent<Type extends string = string, Data = unknown> extends Omit<CloudEventAttributes, 'type'> {
  type: Type;
  data: Data;
}

/** The agency kind in a CloudEvents `source` such as `/agencies/employment-centre/afol-metropolitana`. */
export function agencyKindOf(source: string): AgencyKind | undefined {
  const kind = source.split('/')[2];
  return agencyKinds.find((k) => k === kind);
}

export function sourceOf(kind: AgencyKind, agencyId: string): string {
  return `/agencies/${kind}/${agencyId}`;
}
