import { describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { defineEvent, type EventDefinition } from '../define-event.js';
import { generatedArtefacts, snapshotArtefacts } from './artefacts.js';
import { checkContracts } from './contract-check.js';

const event = (version: number, data: z.ZodType): EventDefinition =>
  defineEvent({
    type: 'CaseClosed',
    version,
    context: 'social-services',
    emitters: ['social-services'],
    data,
    example: {},
    description: 'The case was closed.',
  });

const v1 = event(1, z.strictObject({ reason: z.enum(['completed', 'moved', 'withdrawn']) }));
const v2 = event(2, z.strictObject({ outcome: z.string(), closedOn: z.iso.date() }));

/** The check's input for a catalogue whose generated files and snapshots were written from `writtenFrom`. */
function inputFor(catalogue: EventDefinition[], writtenFrom: EventDefinition[] = catalogue) {
  const onDisk = new Map(generatedArtefacts(writtenFrom, { version: '1.0.0' }).map((a) => [a.path, a.content]));
  const snapshots = snapshotArtefacts(writtenFrom);
  const published = new Map(snapshots.map((a) => [a.path.replace('published/', ''), JSON.parse(a.content) as unknown]));
  return { catalogue, published, onDisk, expected: generatedArtefacts(catalogue, { version: '1.0.0' }) };
}

describe('the contracts check', () => {
  test('passes when generated files and snapshots match the catalogue', () => {
    expect(checkContracts(inputFor([v1]))).toEqual({ breaking: [], stale: [] });
  });

  test('a new version of a published event passes, however different it is', () => {
    expect(checkContracts(inputFor([v1, v2]))).toEqual({ breaking: [], stale: [] });
  });

  test('reports a breaking change to a published version as <type> v<N>: <path>: <rule>', () => {
    const narrowed = event(1, z.strictObject({ reason: z.enum(['completed', 'moved']) }));
    const report = checkContracts({ ...inputFor([narrowed], [v1]), onDisk: inputFor([narrowed]).onDisk });
    expect(report).toEqual({ breaking: ['CaseClosed v1: data.reason: enum-value-removed ("withdrawn" is no longer accepted)'], stale: [] });
  });

  test('fails when a published version is no longer in the catalogue', () => {
    const input = { ...inputFor([v2], [v1, v2]), onDisk: inputFor([v2]).onDisk };
    expect(checkContracts(input).breaking).toEqual(['CaseClosed v1: (event): version-removed (published, but no longer in the catalogue)']);
  });

  test('lists generated files that a forgotten generate left stale, missing or orphaned, and unpublished versions', () => {
    const input = { ...inputFor([v2], [v1]), published: new Map() };
    expect(checkContracts(input).stale).toEqual([
      'generated/asyncapi.yaml: differs from the catalogue',
      'generated/docs/index.html: differs from the catalogue',
      'generated/json-schema/CaseClosed.v1.json: not generated from the catalogue',
      'generated/json-schema/CaseClosed.v2.json: missing',
      'published/CaseClosed.v2.json: missing (not yet published)',
    ]);
  });
});
