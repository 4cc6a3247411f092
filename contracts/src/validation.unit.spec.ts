import { describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import type { ValidationIssue } from './errors.js';
import { toValidationIssues } from './validation.js';

describe('structured validation issues', () => {
  const person = z.strictObject({
    name: z.enum(['anonymous']),
    note: z.string().max(5),
    age: z.int().max(120),
    household: z.string(),
    tags: z.string(),
  });

  function issuesFor(input: unknown): ValidationIssue[] {
    const result = person.safeParse(input, { reportInput: true });
    if (result.success) throw new Error('expected the input to be invalid');
    return toValidationIssues(result.error.issues);
  }

  test('a rejected string value › is described by its length, never echoed', () => {
    const issues = issuesFor({ name: 'Mario Rossi', note: 'RSSMRA80A01F205X', age: 40, household: 'H-1', tags: 'x' });

    expect(issues).toEqual([
      expect.objectContaining({ path: 'name', rule: 'enum', received: 'string of length 11' }),
      expect.objectContaining({ path: 'note', rule: 'max:5', received: 'string of length 16' }),
    ]);
    expect(JSON.stringify(issues)).not.toMatch(/Mario|Rossi|RSSMRA80A01F205X/);
  });

  test('a rejected number › is echoed, since it is not free text', () => {
    const issues = issuesFor({ name: 'anonymous', note: 'ok', age: 130, household: 'H-1', tags: 'x' });

    expect(issues).toEqual([expect.objectContaining({ path: 'age', rule: 'max:120', received: '130' })]);
  });

  test('a value of the wrong kind › is described by its kind, with the rule type', () => {
    const issues = issuesFor({ name: 'anonymous', note: 'ok', age: 40, household: { members: 3 }, tags: ['a'] });

    expect(issues).toEqual([
      expect.objectContaining({ path: 'household', rule: 'type', expected: 'string', received: 'object' }),
      expect.objectContaining({ path: 'tags', rule: 'type', expected: 'string', received: 'array' }),
    ]);
  });

  test('a null where a value is needed › is described as null', () => {
    const issues = issuesFor({ name: 'anonymous', note: 'ok', age: 40, household: null, tags: 'x' });

    expect(issues).toEqual([expect.objectContaining({ path: 'household', rule: 'type', received: 'null' })]);
  });

  test('a missing value › is reported as required, with nothing received', () => {
    const issues = issuesFor({ name: 'anonymous', note: 'ok', age: 40, tags: 'x' });

    expect(issues).toEqual([{ path: 'household', rule: 'required', message: expect.any(String), expected: 'string' }]);
  });

  test('a rule the schema names itself › is reported under that name', () => {
    const schema = z.string().refine((value) => value !== 'secret', { message: 'no secrets', params: { rule: 'no-secret' } });
    const result = schema.safeParse('secret', { reportInput: true });
    if (result.success) throw new Error('expected the input to be invalid');

    expect(toValidationIssues(result.error.issues)).toEqual([
      { path: '', rule: 'no-secret', message: 'no secrets', received: 'string of length 6' },
    ]);
  });
});
