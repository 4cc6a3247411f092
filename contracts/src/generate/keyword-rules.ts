import type { BreakingChange } from './breaking-change.js';
import type { SchemaNode } from './schema-node.js';
import { sameSchema } from './schema-node.js';

const show = (value: unknown): string => JSON.stringify(value);

function allowedValues(node: SchemaNode): { values: unknown[]; fixed: boolean } | undefined {
  if ('const' in node) return { values: [node['const']], fixed: true };
  return Array.isArray(node['enum']) ? { values: node['enum'], fixed: false } : undefined;
}

/** `const` and `enum`: every value the published schema allowed must still be allowed. */
export function valueChanges(published: SchemaNode, current: SchemaNode, path: string): BreakingChange[] {
  const now = allowedValues(current);
  if (!now) return [];
  const before = allowedValues(published);
  const restricted = now.values.map(show).join(' | ');
  if (!before) {
    return [{ path, rule: now.fixed ? 'const-changed' : 'type-narrowed', detail: `now restricted to ${restricted}` }];
  }
  const removed = before.values.filter((v) => !now.values.some((w) => sameSchema(v, w)));
  if (removed.length === 0) return [];
  if (before.fixed) return [{ path, rule: 'const-changed', detail: `${show(before.values[0])} → ${restricted}` }];
  return removed.map((value) => ({ path, rule: 'enum-value-removed', detail: `${show(value)} is no longer accepted` }));
}

function typesOf(node: SchemaNode): string[] | undefined {
  const type = node['type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.map(String);
  const values = allowedValues(node)?.values;
  return values?.map((v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v));
}

const covers = (types: readonly string[], type: string): boolean =>
  types.includes(type) || (type === 'integer' && types.includes('number'));
const overlaps = (types: readonly string[], type: string): boolean =>
  covers(types, type) || (type === 'number' && types.includes('integer'));

/** `type`: `changed` when no published type is accepted any more (the caller then stops descending). */
export function typeChanges(published: SchemaNode, current: SchemaNode, path: string): { changes: BreakingChange[]; changed: boolean } {
  const now = typesOf(current);
  if (!now || typeof current['type'] === 'undefined') return { changes: [], changed: false };
  const before = typesOf(published);
  const detail = `${before?.join(' | ') ?? 'any'} → ${now.join(' | ')}`;
  if (!before) return { changes: [{ path, rule: 'type-narrowed', detail }], changed: false };
  if (before.every((t) => covers(now, t))) return { changes: [], changed: false };
  if (before.some((t) => overlaps(now, t))) return { changes: [{ path, rule: 'type-narrowed', detail }], changed: false };
  return { changes: [{ path, rule: 'type-changed', detail }], changed: true };
}

const lowerBounds = ['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties', 'minContains'];
const upperBounds = ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties', 'maxContains'];
const exactKeywords = ['pattern', 'format', 'contentEncoding'];

/** Bounds, patterns and formats: a new or stricter one rejects values the published schema accepted. */
export function constraintChanges(published: SchemaNode, current: SchemaNode, path: string): BreakingChange[] {
  const changes: BreakingChange[] = [];
  const narrowed = (keyword: string) =>
    changes.push({
      path,
      rule: 'constraint-narrowed',
      detail:
        published[keyword] === undefined
          ? `${keyword} ${show(current[keyword])} added`
          : `${keyword} ${show(published[keyword])} → ${show(current[keyword])}`,
    });
  for (const k of lowerBounds) if (isNumber(current[k]) && !(isNumber(published[k]) && current[k] <= published[k])) narrowed(k);
  for (const k of upperBounds) if (isNumber(current[k]) && !(isNumber(published[k]) && current[k] >= published[k])) narrowed(k);
  for (const k of exactKeywords) if (current[k] !== undefined && current[k] !== published[k]) narrowed(k);
  const step = current['multipleOf'];
  const was = published['multipleOf'];
  if (isNumber(step) && !(isNumber(was) && Number.isInteger(was / step))) narrowed('multipleOf');
  if (current['uniqueItems'] === true && published['uniqueItems'] !== true) narrowed('uniqueItems');
  return changes;
}

const conditionalKeywords = ['not', 'if', 'then', 'else', 'dependentRequired', 'dependentSchemas', 'contains', 'allOf'];

/** Keywords the guard cannot reason about: any difference counts as a narrowing, to be safe. */
export function opaqueChanges(published: SchemaNode, current: SchemaNode, path: string): BreakingChange[] {
  return conditionalKeywords
    .filter((k) => current[k] !== undefined && !sameSchema(published[k], current[k]))
    .map((k) => ({ path, rule: 'constraint-narrowed' as const, detail: `${k} changed` }));
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number';
}
