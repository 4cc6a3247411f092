import { z } from 'zod';
import { classificationKeyword, type Classification } from './common.js';
import type { EventDefinition } from './define-event.js';

export type ProtectedClassification = Exclude<Classification, 'none'>;

/** A field of an event's data that must be protected, and how. */
export interface ClassifiedField {
  /** JSONPath (RFC 9535) into `data`: `$.boundMembers`, `$.commitments[*].memberRef`; `[*]` is any item or record value. */
  readonly path: string;
  /** The same path as segments, `*` for any item or record value. */
  readonly segments: readonly string[];
  readonly classification: ProtectedClassification;
}

type JsonSchema = { [key: string]: unknown };

/** How snapshots published before ADR 5 spell `x-classification`. */
const legacyClassificationKeyword = 'classification';

export const classificationRank: Readonly<Record<Classification, number>> = { none: 0, personal: 1, 'special-category': 2 };
const cache = new WeakMap<z.ZodType, readonly ClassifiedField[]>();

/**
 * The fields of an event's data classified personal or special-category, read
 * from the `x-classification` that `classified()` leaves in the data schema's
 * JSON Schema. A classified object or array is listed as a whole; a field
 * inside it is listed too only when its classification is stricter (special
 * category inside personal), so encrypting each listed path covers everything.
 * Union branches are merged, keeping the stricter classification of a path.
 */
export function classifiedFieldsOf(definition: Pick<EventDefinition, 'data'>): readonly ClassifiedField[] {
  const cached = cache.get(definition.data);
  if (cached) return cached;
  const fields = classifiedFieldsOfJsonSchema(z.toJSONSchema(definition.data, { unrepresentable: 'any' }));
  cache.set(definition.data, fields);
  return fields;
}

/**
 * The same, read from a JSON Schema: `x-classification`, or `classification`
 * as snapshots published before the keyword became an `x-` extension spell it
 * (ADR 5; both mean the same). Paths are relative to the schema's root.
 */
export function classifiedFieldsOfJsonSchema(schema: object): readonly ClassifiedField[] {
  const root = schema as JsonSchema;
  const found = new Map<string, ClassifiedField>();
  walk(root, root, [], 'none', found, new Set());
  return Object.freeze([...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)));
}

/** A field of an event's data that names a person: erased with that person. */
export interface PersonReferenceField {
  /** JSONPath into `data`, `[*]` for any item: `$.boundMembers[*]`, `$.commitments[*].memberRef`. */
  readonly path: string;
  readonly segments: readonly string[];
}

const referenceCache = new WeakMap<z.ZodType, readonly PersonReferenceField[]>();

/** The fields marked `x-person-reference` (built with `referenceToPerson`), in path order. */
export function personReferencesOf(definition: Pick<EventDefinition, 'data'>): readonly PersonReferenceField[] {
  const cached = referenceCache.get(definition.data);
  if (cached) return cached;
  const root = z.toJSONSchema(definition.data, { unrepresentable: 'any' }) as JsonSchema;
  const found = new Map<string, PersonReferenceField>();
  walkReferences(root, root, [], found, new Set());
  const fields = Object.freeze([...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)));
  referenceCache.set(definition.data, fields);
  return fields;
}

function walkReferences(
  node: unknown,
  root: JsonSchema,
  segments: string[],
  found: Map<string, PersonReferenceField>,
  visiting: Set<JsonSchema>,
): void {
  if (typeof node !== 'object' || node === null || visiting.has(node as JsonSchema)) return;
  const schema = node as JsonSchema;
  if (schema['x-person-reference'] === true) {
    const path = toJsonPath(segments);
    found.set(path, Object.freeze({ path, segments: Object.freeze([...segments]) }));
  }
  visiting.add(schema);
  eachChild(schema, root, (child, extra) => walkReferences(child, root, [...segments, ...extra], found, visiting));
  visiting.delete(schema);
}

/** Calls `visit` on each subschema with the path segments it adds. */
function eachChild(schema: JsonSchema, root: JsonSchema, visit: (child: unknown, extra: string[]) => void): void {
  if (typeof schema['$ref'] === 'string') visit(resolve(root, schema['$ref']), []);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches)) branches.forEach((branch) => visit(branch, []));
  }
  const properties = schema['properties'];
  if (typeof properties === 'object' && properties !== null) {
    for (const [name, child] of Object.entries(properties)) visit(child, [name]);
  }
  visit(schema['items'], ['*']);
  const prefixItems = schema['prefixItems'];
  if (Array.isArray(prefixItems)) prefixItems.forEach((child, index) => visit(child, [String(index)]));
  visit(schema['additionalProperties'], ['*']);
  const patterns = schema['patternProperties'];
  if (typeof patterns === 'object' && patterns !== null) Object.values(patterns).forEach((child) => visit(child, ['*']));
}

/** Just the paths with the given classification. */
export function classifiedPathsOf(definition: Pick<EventDefinition, 'data'>, classification: ProtectedClassification): string[] {
  return classifiedFieldsOf(definition)
    .filter((field) => field.classification === classification)
    .map((field) => field.path);
}

function walk(
  node: unknown,
  root: JsonSchema,
  segments: string[],
  inherited: Classification,
  found: Map<string, ClassifiedField>,
  visiting: Set<JsonSchema>,
): void {
  if (typeof node !== 'object' || node === null || visiting.has(node as JsonSchema)) return;
  const schema = node as JsonSchema;
  visiting.add(schema);
  let current = inherited;
  const own = schema[classificationKeyword] ?? schema[legacyClassificationKeyword];
  if ((own === 'personal' || own === 'special-category') && classificationRank[own] > classificationRank[inherited]) {
    record(found, segments, own);
    current = own;
  }
  eachChild(schema, root, (child, extra) => walk(child, root, [...segments, ...extra], current, found, visiting));
  visiting.delete(schema);
}

function record(found: Map<string, ClassifiedField>, segments: string[], classification: ProtectedClassification): void {
  const path = toJsonPath(segments);
  const existing = found.get(path);
  if (existing && classificationRank[existing.classification] >= classificationRank[classification]) return;
  found.set(path, Object.freeze({ path, segments: Object.freeze([...segments]), classification }));
}

function toJsonPath(segments: readonly string[]): string {
  return (
    '$' +
    segments
      .map((segment) => {
        if (segment === '*') return '[*]';
        if (/^\d+$/.test(segment)) return `[${segment}]`;
        return /^[A-Za-z_][A-Za-z0-9_]*$/.test(segment) ? `.${segment}` : `['${segment.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
      })
      .join('')
  );
}

/** Resolves a local `#/$defs/...` reference. */
function resolve(root: JsonSchema, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  return ref
    .slice(1)
    .split('/')
    .filter(Boolean)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? (node as JsonSchema)[part] : undefined), root);
}
