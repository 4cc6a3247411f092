/** The kinds of change that break consumers of, or events already stored under, a published schema. */
export type BreakingRule =
  | 'field-removed'
  | 'field-renamed'
  | 'field-became-optional'
  | 'new-required-field'
  | 'type-changed'
  | 'type-narrowed'
  | 'enum-value-removed'
  | 'const-changed'
  | 'constraint-narrowed'
  | 'additionalProperties-tightened'
  | 'classification-lowered';

/** One breaking difference between a published schema and the current one, at a field path such as `data.objectives[].code`. */
export interface BreakingChange {
  readonly path: string;
  readonly rule: BreakingRule;
  readonly detail: string;
}

/** `CaseOpened v1: data.measure: enum-value-removed ("RdC" is no longer accepted)` */
export function formatBreakingChange(type: string, version: number, change: BreakingChange): string {
  return `${type} v${version}: ${change.path || '(event)'}: ${change.rule} (${change.detail})`;
}
