import { stableJson } from './stable-json.js';

/** A JSON Schema object as read from a file; booleans are normalised by `nodeOf`. */
export type SchemaNode = { readonly [keyword: string]: unknown };

/** `false` rejects everything; `true`, a missing schema or a non-object accepts anything. */
export const rejectsAll: SchemaNode = Object.freeze({ not: {} });

export function nodeOf(value: unknown): SchemaNode {
  if (value === false) return rejectsAll;
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as SchemaNode) : {};
}

export function isRejectAll(node: SchemaNode): boolean {
  return Object.keys(node).length === 1 && stableJson(node['not']) === '{}\n';
}

/**
 * Follows a local `$ref` (`#`, `#/$defs/x`) inside `root`, keeping the
 * referring schema's other keywords. Returns the node and the reference
 * followed, so callers can stop on recursive schemas.
 */
export function resolveRef(node: SchemaNode, root: unknown): { node: SchemaNode; ref?: string } {
  const ref = node['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#')) return { node };
  let target: unknown = root;
  for (const token of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
    target = nodeOf(target)[key];
  }
  const { $ref: _, ...siblings } = node;
  return { node: { ...nodeOf(target), ...siblings }, ref };
}

const annotations = new Set(['title', 'description', 'examples', '$comment', 'default', 'deprecated']);

/** Whether two schemas validate the same way (annotations such as descriptions aside). */
export function sameSchema(a: unknown, b: unknown): boolean {
  return stableJson(withoutAnnotations(a)) === stableJson(withoutAnnotations(b));
}

const schemaMaps = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const schemaLists = new Set(['anyOf', 'allOf', 'oneOf', 'prefixItems']);
const schemaValues = new Set(['items', 'additionalProperties', 'propertyNames', 'not', 'contains', 'if', 'then', 'else']);

/** Drops annotations from a schema, leaving `properties` maps (whose keys are field names) intact. */
function withoutAnnotations(schema: unknown): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [entry, value] of Object.entries(schema)) {
    if (annotations.has(entry)) continue;
    // Snapshots published before ADR 5 spell `x-classification` as `classification`: the same keyword.
    const keyword = entry === 'classification' ? 'x-classification' : entry;
    if (schemaMaps.has(keyword) && value !== null && typeof value === 'object') {
      out[keyword] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutAnnotations(v)]));
    } else if (schemaLists.has(keyword) && Array.isArray(value)) out[keyword] = value.map(withoutAnnotations);
    else out[keyword] = schemaValues.has(keyword) ? withoutAnnotations(value) : value;
  }
  return out;
}

/** `data.objectives` + `code` → `data.objectives.code`; the root path is empty. */
export function joinPath(path: string, segment: string): string {
  if (!path) return segment;
  return segment.startsWith('[') ? `${path}${segment}` : `${path}.${segment}`;
}
