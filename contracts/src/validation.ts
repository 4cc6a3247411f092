import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from './errors.js';

/** Turns zod issues into the hub's structured issues (path, rule, expected, received). */
export function toValidationIssues(issues: readonly z.core.$ZodIssue[]): ValidationIssue[] {
  return issues.map((issue) => {
    const out: ValidationIssue = {
      path: issue.path.map(String).join('.'),
      rule: ruleOf(issue),
      message: issue.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys) : issue.message,
    };
    if ('expected' in issue && issue.expected !== undefined) out.expected = String(issue.expected);
    if (issue.code === 'invalid_value') out.expected = issue.values.map((v) => JSON.stringify(v)).join(' | ');
    if ('input' in issue && issue.input !== undefined && issue.code !== 'unrecognized_keys') {
      out.received = describe(issue.input);
    }
    return out;
  });
}

/** Keys shaped like a field or attribute name: letters, digits, `_`, `-`, `$`, at most 64. */
const fieldNameShape = /^[A-Za-z_$][A-Za-z0-9_$-]{0,63}$/;
const fiscalCodeShape = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/i;

/**
 * Names the unknown keys (`partitionkey`, `notes`), never their values. A key
 * that is not shaped like a field name (`{"Mario Rossi": 3}`) or that looks
 * like a codice fiscale may itself be personal data: those are counted only.
 */
function unknownKeysMessage(keys: readonly string[]): string {
  const named = keys.filter((key) => fieldNameShape.test(key) && !fiscalCodeShape.test(key));
  const others = keys.length - named.length;
  const parts = [
    ...(named.length > 0 ? [`unknown field(s) not allowed here: ${named.join(', ')}`] : []),
    ...(others > 0 ? [`${others} ${named.length > 0 ? 'more ' : ''}unknown field(s) not allowed here (not named: not shaped like a field name)`] : []),
  ];
  return parts.join('; ');
}

function ruleOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_format':
      return `format:${issue.format}`;
    case 'too_small':
      return `min:${String(issue.minimum)}`;
    case 'too_big':
      return `max:${String(issue.maximum)}`;
    case 'invalid_type':
      return issue.input === undefined ? 'required' : 'type';
    case 'invalid_value':
      return 'enum';
    case 'unrecognized_keys':
      return 'unknown-keys';
    case 'custom':
      return String((issue.params as { rule?: string } | undefined)?.rule ?? 'custom');
    default:
      return issue.code;
  }
}

function describe(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (typeof input === 'object') return 'object';
  // Strings are never echoed: in this hub they may be personal data.
  if (typeof input === 'string') return `string of length ${input.length}`;
  return String(input);
}

/** Parses with a zod schema, throwing ValidationError with structured issues. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, subject = 'input'): z.output<S> {
  // reportInput lets a wrong type be told from a missing field; `describe` keeps values out of the issue.
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) throw new ValidationError(toValidationIssues(result.error.issues), subject);
  return result.data;
}
