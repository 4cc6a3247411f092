/** A JSON value as the generator writes it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Copies a JSON value with every object's keys in code-point order, so that
 * generated files do not change when a schema's fields are merely reordered.
 * Arrays keep their order: `required` and `enum` order is the author's.
 */
export function sortKeys(value: unknown): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value as Json;
  const sorted: { [key: string]: Json } = {};
  for (const key of Object.keys(value).sort(byCodePoint)) {
    const child = (value as Record<string, unknown>)[key];
    if (child !== undefined) sorted[key] = sortKeys(child);
  }
  return sorted;
}

/** Pretty JSON with sorted keys and a trailing newline: the generator's file format. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
