import {
  dataSchemaOf,
  definitionOf,
  sourceOf,
  type AgencyKind,
  type EventData,
  type EventType,
  type HubEvent,
} from '@traiettorie/contracts';
import { randomUUID } from 'node:crypto';

/**
 * A valid CloudEvent of the given type built from the contract's example data,
 * with fresh ids; `overrides` replace envelope attributes or data fields.
 */
export function sampleEvent<T extends EventType>(
  type: T,
  overrides: { caseId?: string; id?: string; time?: string; agencyId?: string; data?: Partial<EventData<T>> } = {},
): HubEvent<T> {
  const definition = definitionOf(type);
  const emitter = definition.emitters[0] as AgencyKind;
  return {
    specversion: '1.0',
    id: overrides.id ?? randomUUID(),
    source: sourceOf(emitter, overrides.agencyId ?? 'test-agency'),
    type,
    time: overrides.time ?? new Date().toISOString(),
    subject: overrides.caseId ?? randomUUID(),
    datacontenttype: 'application/json',
    dataschema: dataSchemaOf(definition),
    ambito: 'LOM-SESTO-SAN-GIOVANNI',
    personref: 'P-SSG-7f3a91',
    legalbasis: 'DL-48-2023',
    data: { ...(definition.example as object), ...overrides.data },
  } as HubEvent<T>;
}
