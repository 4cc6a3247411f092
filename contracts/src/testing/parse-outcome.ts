/**
 * CloudEvents around the catalogue's examples, and what `parseEvent` makes of
 * them, for the contracts' own specs. Contracts cannot depend on
 * @traiettorie/testing (which depends on contracts), so envelopes are built here.
 *
 * Test-only: imported by path (`./testing/parse-outcome.js`), not exported
 * from the package index.
 */
import type { AgencyKind } from '../common.js';
import { definitionOf } from '../catalogue.js';
import { sourceOf } from '../cloud-event.js';
import { dataSchemaOf, type EventDefinition } from '../define-event.js';
import { ValidationError, type ValidationIssue } from '../errors.js';
import { parseEvent } from '../event-parser.js';

export const caseId = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
export const eventId = '3a9e6c52-1d4b-4f0e-9a77-2b5c8d1e0f43';

/** A valid CloudEvent carrying a copy of the definition's example, from its first emitter; `overrides` replace attributes. */
export function envelopeFor(definition: EventDefinition, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: eventId,
    source: sourceOf(definition.emitters[0] as AgencyKind, 'ambito-sesto'),
    type: definition.type,
    time: '2026-10-21T09:00:00Z',
    subject: caseId,
    datacontenttype: 'application/json',
    dataschema: dataSchemaOf(definition),
    ambito: 'LOM-SESTO-SAN-GIOVANNI',
    personref: 'P-SSG-7f3a91',
    legalbasis: 'DL-48-2023',
    data: structuredClone(definition.example),
    ...overrides,
  };
}

/** A copy of the type's example data. */
export function exampleOf(type: string): Record<string, unknown> {
  return structuredClone(definitionOf(type).example) as Record<string, unknown>;
}

/** The envelope of the type's example with `changes` applied to its data and the `removed` fields deleted. */
export function withData(type: string, changes: Record<string, unknown>, removed: string[] = []): Record<string, unknown> {
  const data: Record<string, unknown> = { ...exampleOf(type), ...changes };
  for (const field of removed) delete data[field];
  return envelopeFor(definitionOf(type), { data });
}

/**
 * The issues parseEvent raises for the type's example with `changes` applied
 * (a change to `undefined` removes the field), or [] when it accepts it.
 */
export function issuesWith(type: string, changes: Record<string, unknown>, envelope: Record<string, unknown> = {}): ValidationIssue[] {
  const data = Object.fromEntries(Object.entries({ ...exampleOf(type), ...changes }).filter(([, v]) => v !== undefined));
  try {
    parseEvent(envelopeFor(definitionOf(type), { data, ...envelope }));
    return [];
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
}

/** Each issue as `<path> <rule>`. */
export const where = (issues: readonly ValidationIssue[]): string[] => issues.map((i) => `${i.path} ${i.rule}`);

/** Runs parseEvent expecting it to throw, and returns what it threw. */
export function rejectionOf(input: unknown): unknown {
  try {
    parseEvent(input);
  } catch (error) {
    return error;
  }
  throw new Error('parseEvent accepted the input');
}

/** The issues of the ValidationError parseEvent throws; anything else it throws, or accepting the input, is an error. */
export function validationIssuesOf(input: unknown): ValidationIssue[] {
  const error = rejectionOf(input);
  if (error instanceof ValidationError) return error.issues;
  throw error;
}
