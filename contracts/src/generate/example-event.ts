import { sourceOf, type CloudEvent } from '../cloud-event.js';
import { dataSchemaOf, type EventDefinition } from '../define-event.js';

/**
 * A complete, valid CloudEvent around a definition's example data. The
 * envelope values are fixed so that generated documents never change between
 * runs. Data flagged `anonymous: true` travels with an `anon:` person reference.
 */
export function exampleEventOf(definition: EventDefinition): CloudEvent {
  return {
    specversion: '1.0',
    id: '3a9e6c52-1d4b-4f0e-9a77-2b5c8d1e0f43',
    source: sourceOf(definition.emitters[0] ?? definition.context, 'ambito-sesto'),
    type: definition.type,
    time: '2026-10-21T09:00:00Z',
    subject: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
    datacontenttype: 'application/json',
    dataschema: dataSchemaOf(definition),
    ambito: 'LOM-SESTO-SAN-GIOVANNI',
    personref: isAnonymous(definition.example) ? 'anon:0c4f7e2a-9d13-4b8e-a6f5-3e2d1c0b9a87' : 'P-SSG-7f3a91',
    legalbasis: 'DL-48-2023-art-4',
    data: definition.example,
  };
}

function isAnonymous(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { anonymous?: unknown }).anonymous === true;
}
