import { classificationRank, classifiedFieldsOfJsonSchema, type ClassifiedField } from '../classification.js';
import type { BreakingChange } from './breaking-change.js';
import { constraintChanges, opaqueChanges, typeChanges, valueChanges } from './keyword-rules.js';
import { isRejectAll, joinPath, nodeOf, resolveRef, sameSchema, type SchemaNode } from './schema-node.js';

export type { BreakingChange, BreakingRule } from './breaking-change.js';

interface Walk {
  readonly publishedRoot: unknown;
  readonly currentRoot: unknown;
  /** Pairs of `$ref`s being compared further up, so that recursive schemas terminate. */
  readonly refsInProgress: Set<string>;
}

/**
 * The breaking changes from a published JSON Schema to the current one: every
 * value the published schema accepted must still be accepted, and every field
 * a consumer could rely on must still be there, under the same name, as
 * required as before. Additive optional fields and widened enums pass.
 */
export function compareSchemas(published: unknown, current: unknown): BreakingChange[] {
  const walk: Walk = { publishedRoot: published, currentRoot: current, refsInProgress: new Set() };
  const fieldChanges = compare(nodeOf(published), nodeOf(current), '', walk);
  const changes = [...fieldChanges, ...classificationChanges(published, current, fieldChanges)];
  // Alternatives of a union often share fields, and so the same change.
  const seen = new Set<string>();
  return changes.filter((c) => {
    const key = `${c.path}\u0000${c.rule}\u0000${c.detail}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

/**
 * Every field published as personal or special-category must still be
 * classified at least as strictly, by itself or by an enclosing field, or
 * consumers would stop protecting data they hold. A stricter class passes;
 * a removed or renamed field is reported as such, not here. Snapshots
 * published before ADR 5 spell the keyword `classification`: it reads the same.
 */
function classificationChanges(published: unknown, current: unknown, fieldChanges: readonly BreakingChange[]): BreakingChange[] {
  const now = classifiedFieldsOfJsonSchema(nodeOf(current));
  const gone = fieldChanges.filter((c) => c.rule === 'field-removed' || c.rule === 'field-renamed').map((c) => c.path);
  return classifiedFieldsOfJsonSchema(nodeOf(published)).flatMap((field) => {
    const path = compatibilityPathOf(field);
    if (gone.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`))) return [];
    const covering = now.filter((c) => c.segments.length <= field.segments.length && c.segments.every((s, i) => s === field.segments[i]));
    const strictest = covering.reduce((best, c) => Math.max(best, classificationRank[c.classification]), 0);
    if (strictest >= classificationRank[field.classification]) return [];
    const was = covering.find((c) => classificationRank[c.classification] === strictest)?.classification ?? 'none';
    return [{ path, rule: 'classification-lowered' as const, detail: `${field.classification} → ${was}` }];
  });
}

/** `['data', 'objectives', '*', 'code']` → `data.objectives[*].code`. */
function compatibilityPathOf(field: ClassifiedField): string {
  return field.segments.reduce<string>((path, segment) => joinPath(path, segment === '*' ? '[*]' : segment), '');
}

function compare(publishedNode: SchemaNode, currentNode: SchemaNode, path: string, walk: Walk): BreakingChange[] {
  const published = resolveRef(publishedNode, walk.publishedRoot);
  const current = resolveRef(currentNode, walk.currentRoot);
  if (published.ref === undefined && current.ref === undefined) return compareResolved(published.node, current.node, path, walk);
  const pair = `${published.ref ?? ''}|${current.ref ?? ''}`;
  if (walk.refsInProgress.has(pair)) return [];
  walk.refsInProgress.add(pair);
  const changes = compareResolved(published.node, current.node, path, walk);
  walk.refsInProgress.delete(pair);
  return changes;
}

function compareResolved(before: SchemaNode, now: SchemaNode, path: string, walk: Walk): BreakingChange[] {
  if (isRejectAll(before)) return [];
  if (isRejectAll(now)) return [{ path, rule: 'type-narrowed', detail: 'no value is accepted any more' }];
  const union = variantsOf(before) ? comparePublishedUnion(before, now, path, walk) : compareCurrentUnion(before, now, path, walk);
  return union ?? compareKeywords(before, now, path, walk);
}

function variantsOf(node: SchemaNode): SchemaNode[] | undefined {
  const variants = node['anyOf'] ?? node['oneOf'];
  return Array.isArray(variants) ? variants.map(nodeOf) : undefined;
}

/** Each published alternative must still be accepted; losing one type while others remain is a narrowing. */
function comparePublishedUnion(before: SchemaNode, now: SchemaNode, path: string, walk: Walk): BreakingChange[] {
  const results = (variantsOf(before) ?? []).map((variant) => compare(variant, now, path, walk));
  const typeLost = (c: BreakingChange): boolean => c.path === path && c.rule === 'type-changed';
  const someTypeKept = results.some((changes) => !changes.some(typeLost));
  return results.flat().map((c) => (someTypeKept && typeLost(c) ? { ...c, rule: 'type-narrowed' } : c));
}

/** A published schema is compatible with a current union if one alternative accepts it; otherwise report the closest. */
function compareCurrentUnion(before: SchemaNode, now: SchemaNode, path: string, walk: Walk): BreakingChange[] | undefined {
  const variants = variantsOf(now);
  if (!variants) return undefined;
  const results = variants.map((variant) => compare(before, variant, path, walk));
  return results.reduce((best, changes) => (changes.length < best.length ? changes : best), results[0] ?? []);
}

function compareKeywords(before: SchemaNode, now: SchemaNode, path: string, walk: Walk): BreakingChange[] {
  const type = typeChanges(before, now, path);
  if (type.changed) return type.changes;
  return [
    ...type.changes,
    ...valueChanges(before, now, path),
    ...constraintChanges(before, now, path),
    ...opaqueChanges(before, now, path),
    ...compareProperties(before, now, path, walk),
    ...compareAdditionalProperties(before, now, path, walk),
    ...compareItems(before, now, path, walk),
  ];
}

function compareProperties(before: SchemaNode, now: SchemaNode, path: string, walk: Walk): BreakingChange[] {
  const was = nodeOf(before['properties']);
  const is = nodeOf(now['properties']);
  const wasRequired = new Set(asStrings(before['required']));
  const isRequired = new Set(asStrings(now['required']));
  const removed = Object.keys(was).filter((name) => !(name in is));
  const added = Object.keys(is).filter((name) => !(name in was));
  const changes: BreakingChange[] = [];
  for (const name of removed) {
    const renamedTo = added.find((candidate) => sameSchema(was[name], is[candidate]));
    if (renamedTo === undefined) {
      changes.push({ path: joinPath(path, name), rule: 'field-removed', detail: 'no longer in the schema' });
      continue;
    }
    added.splice(added.indexOf(renamedTo), 1);
    changes.push({ path: joinPath(path, name), rule: 'field-renamed', detail: `now ${joinPath(path, renamedTo)}` });
  }
  for (const name of added) {
    if (isRequired.has(name)) changes.push({ path: joinPath(path, name), rule: 'new-required-field', detail: 'added as required' });
  }
  for (const name of Object.keys(was).filter((n) => n in is)) {
    const field = joinPath(path, name);
    if (isRequired.has(name) && !wasRequired.has(name)) changes.push({ path: field, rule: 'new-required-field', detail: 'was optional' });
    if (wasRequired.has(name) && !isRequired.has(name)) {
      changes.push({ path: field, rule: 'field-became-optional', detail: 'was required' });
    }
    changes.push(...compare(nodeOf(was[name]), nodeOf(is[name]), field, walk));
  }
  return changes;
}

/** Extra keys: refused where they were allowed, or constrained where they were free. */
function compareAdditionalProperties(before: SchemaNode, now: SchemaNode, path: string, walk: Walk): BreakingChange[] {
  const changes: BreakingChange[] = [];
  const was = before['additionalProperties'];
  const is = now['additionalProperties'];
  if (is === false && was !== false) {
    changes.push({ path, rule: 'additionalProperties-tightened', detail: 'extra fields are now refused' });
  } else if (isSchemaObject(is) && was !== false) {
    if (isSchemaObject(was)) changes.push(...compare(nodeOf(was), nodeOf(is), joinPath(path, '*'), walk));
    else changes.push({ path, rule: 'additionalProperties-tightened', detail: 'extra fields are now constrained' });
  }
  if (now['propertyNames'] !== undefined) {
    const keys = nodeOf(before['propertyNames'] ?? { type: 'string' });
    changes.push(...compare(keys, nodeOf(now['propertyNames']), joinPath(path, '(key)'), walk));
  }
  const wasPatterns = nodeOf(before['patternProperties']);
  for (const [pattern, schema] of Object.entries(nodeOf(now['patternProperties']))) {
    if (pattern in wasPatterns) {
      changes.push(...compare(nodeOf(wasPatterns[pattern]), nodeOf(schema), joinPath(path, `/${pattern}/`), walk));
    } else if (was !== false) {
      changes.push({ path, rule: 'additionalProperties-tightened', detail: `keys matching /${pattern}/ are now constrained` });
    }
  }
  return changes;
}

function compareItems(before: SchemaNode, now: SchemaNode, path: string, walk: Walk): BreakingChange[] {
  const wasPrefix = Array.isArray(before['prefixItems']) ? before['prefixItems'] : [];
  const isPrefix = Array.isArray(now['prefixItems']) ? now['prefixItems'] : [];
  const changes: BreakingChange[] = [];
  for (let i = 0; i < Math.max(wasPrefix.length, isPrefix.length); i += 1) {
    const was = i < wasPrefix.length ? wasPrefix[i] : before['items'];
    const is = i < isPrefix.length ? isPrefix[i] : now['items'];
    if (is !== undefined) changes.push(...compare(nodeOf(was), nodeOf(is), joinPath(path, `[${i}]`), walk));
  }
  if (now['items'] !== undefined) changes.push(...compare(nodeOf(before['items']), nodeOf(now['items']), joinPath(path, '[]'), walk));
  return changes;
}

function isSchemaObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
