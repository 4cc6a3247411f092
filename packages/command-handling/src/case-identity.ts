import { ValidationError, type ValidationIssue } from '@traiettorie/contracts';
import type { StreamIdentity } from './decider.js';

/** Which attributes of a case's identity are compared, the rule a difference breaks, and where the expected ones come from. */
export interface SameCaseCheck<Attribute extends keyof StreamIdentity> {
  attributes: readonly Attribute[];
  rule: string;
  /** Ends the message, e.g. `its stream records it`: "must be the case's ambito as its stream records it". */
  recordedAs: string;
}

/**
 * Whether `claimed` names the same case as `recorded` on every attribute the
 * check compares: a ValidationError on `event` with one issue per attribute
 * that differs, naming it and the rule, never its value (a person reference
 * is personal data).
 */
export function assertSameCase<Attribute extends keyof StreamIdentity>(
  claimed: Pick<StreamIdentity, Attribute>,
  recorded: Pick<StreamIdentity, Attribute>,
  check: SameCaseCheck<Attribute>,
): void {
  const issues: ValidationIssue[] = check.attributes
    .filter((attribute) => claimed[attribute] !== recorded[attribute])
    .map((attribute) => ({ path: attribute, rule: check.rule, message: `must be the case's ${attribute} as ${check.recordedAs}` }));
  if (issues.length > 0) throw new ValidationError(issues, 'event');
}
