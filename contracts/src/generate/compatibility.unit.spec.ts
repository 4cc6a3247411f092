import { describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { readFile } from 'node:fs/promises';
import { catalogue } from '../catalogue.js';
import { classifiedFieldsOf } from '../classification.js';
import { classified } from '../common.js';
import { defineEvent } from '../define-event.js';
import { compareSchemas, type BreakingChange } from './compatibility.js';
import { eventJsonSchemaOf, versionedNameOf } from './event-schema.js';

/** The published CloudEvent schema of a small event, and variants of it built the way authors change events. */
const fields = {
  householdRef: z.string().min(1).max(64),
  measure: z.enum(['ADI', 'SFL', 'RdC']),
  score: z.number().min(0).max(10),
  note: z.string().max(200).optional(),
  objectives: z.array(z.strictObject({ code: z.string().min(1).max(40) })),
};

function schemaOf(data: z.ZodType, type = 'CaseOpened'): unknown {
  return eventJsonSchemaOf(
    defineEvent({ type, version: 1, context: 'social-services', emitters: ['social-services'], data, example: {}, description: '' }),
  );
}

const published = schemaOf(z.strictObject(fields));
const compared = (data: z.ZodType): Pick<BreakingChange, 'path' | 'rule'>[] =>
  compareSchemas(published, schemaOf(data)).map(({ path, rule }) => ({ path, rule }));

describe('comparing a published event schema with the current one', () => {
  test('an unchanged schema has no breaking changes', () => {
    expect(compareSchemas(published, schemaOf(z.strictObject(fields)))).toEqual([]);
  });

  describe('what passes', () => {
    test('a new optional field', () => {
      expect(compared(z.strictObject({ ...fields, channel: z.enum(['web', 'desk']).optional() }))).toEqual([]);
    });

    test('a widened enum', () => {
      expect(compared(z.strictObject({ ...fields, measure: z.enum(['ADI', 'SFL', 'RdC', 'LOCAL']) }))).toEqual([]);
    });

    test('relaxed bounds and a nullable field', () => {
      const relaxed = { ...fields, householdRef: z.string().max(128), score: z.number().nullable() };
      expect(compared(z.strictObject(relaxed))).toEqual([]);
    });

    test('accepting extra fields where they were refused', () => {
      expect(compared(z.object(fields))).toEqual([]);
    });
  });

  describe('what breaks', () => {
    test('a removed field', () => {
      const { note: _, ...rest } = fields;
      expect(compared(z.strictObject(rest))).toEqual([{ path: 'data.note', rule: 'field-removed' }]);
    });

    test('a renamed field is one rename, not a removal and an addition', () => {
      const { householdRef, ...rest } = fields;
      const changes = compareSchemas(published, schemaOf(z.strictObject({ ...rest, householdId: householdRef })));
      expect(changes).toEqual([{ path: 'data.householdRef', rule: 'field-renamed', detail: 'now data.householdId' }]);
    });

    test('a changed type, and a narrowed one', () => {
      expect(compared(z.strictObject({ ...fields, householdRef: z.number() }))).toEqual([
        { path: 'data.householdRef', rule: 'type-changed' },
      ]);
      expect(compared(z.strictObject({ ...fields, score: z.int().min(0).max(10) }))).toEqual([
        { path: 'data.score', rule: 'type-narrowed' },
      ]);
    });

    test('a nullable field that no longer accepts null', () => {
      const before = schemaOf(z.strictObject({ ...fields, note: z.string().nullable() }));
      const after = schemaOf(z.strictObject({ ...fields, note: z.string() }));
      expect(compareSchemas(before, after).map((c) => c.rule)).toEqual(['type-narrowed']);
    });

    test('a nullable object that no longer accepts null, nor one of its fields', () => {
      const objective = z.strictObject({ code: z.string(), weight: z.number() });
      const before = schemaOf(z.strictObject({ ...fields, lead: objective.nullable() }));
      const after = schemaOf(z.strictObject({ ...fields, lead: objective.omit({ weight: true }) }));
      expect(compareSchemas(before, after).map(({ path, rule }) => ({ path, rule }))).toEqual([
        { path: 'data.lead.weight', rule: 'field-removed' },
        { path: 'data.lead', rule: 'type-narrowed' },
      ]);
    });

    test('a new required field, and an optional field made required', () => {
      expect(compared(z.strictObject({ ...fields, channel: z.string() }))).toEqual([{ path: 'data.channel', rule: 'new-required-field' }]);
      expect(compared(z.strictObject({ ...fields, note: z.string().max(200) }))).toEqual([
        { path: 'data.note', rule: 'new-required-field' },
      ]);
    });

    test('a required field made optional', () => {
      expect(compared(z.strictObject({ ...fields, score: fields.score.optional() }))).toEqual([
        { path: 'data.score', rule: 'field-became-optional' },
      ]);
    });

    test('a removed enum value, named in the detail', () => {
      const changes = compareSchemas(published, schemaOf(z.strictObject({ ...fields, measure: z.enum(['ADI', 'SFL']) })));
      expect(changes).toEqual([{ path: 'data.measure', rule: 'enum-value-removed', detail: '"RdC" is no longer accepted' }]);
    });

    test('narrowed constraints, also inside array items', () => {
      const narrowed = {
        ...fields,
        householdRef: z.string().min(3).max(64).regex(/^H-/),
        score: z.number().min(0).max(5),
        note: z.email().max(200).optional(),
        objectives: z.array(z.strictObject({ code: z.string().min(1).max(20) })),
      };
      expect(compared(z.strictObject(narrowed))).toEqual([
        { path: 'data.householdRef', rule: 'constraint-narrowed' },
        { path: 'data.householdRef', rule: 'constraint-narrowed' },
        { path: 'data.score', rule: 'constraint-narrowed' },
        { path: 'data.note', rule: 'constraint-narrowed' },
        { path: 'data.note', rule: 'constraint-narrowed' },
        { path: 'data.objectives[].code', rule: 'constraint-narrowed' },
      ]);
    });

    test('extra fields refused where they were accepted', () => {
      const before = schemaOf(z.object(fields));
      expect(compareSchemas(before, published).map(({ path, rule }) => ({ path, rule }))).toEqual([
        { path: 'data', rule: 'additionalProperties-tightened' },
      ]);
    });

    test('a changed constant, such as the envelope’s type and dataschema', () => {
      expect(compareSchemas(published, schemaOf(z.strictObject(fields), 'CaseReopened'))).toEqual([
        { path: 'type', rule: 'const-changed', detail: '"CaseOpened" → "CaseReopened"' },
        {
          path: 'dataschema',
          rule: 'const-changed',
          detail: '"urn:traiettorie:schema:CaseOpened:v1" → "urn:traiettorie:schema:CaseReopened:v1"',
        },
      ]);
    });

    test('fewer keys allowed in a record', () => {
      const scores = (keys: [string, ...string[]]) => z.strictObject({ scores: z.partialRecord(z.enum(keys), z.int()) });
      const before = schemaOf(scores(['work', 'income', 'housing']));
      expect(compareSchemas(before, schemaOf(scores(['work', 'income']))).map(({ path, rule }) => ({ path, rule }))).toEqual([
        { path: 'data.scores.(key)', rule: 'enum-value-removed' },
      ]);
    });
  });

  test('a change shared by the alternatives of a discriminated union is reported once', () => {
    const union = (withNote: boolean) =>
      z.discriminatedUnion('anonymous', [
        z.strictObject({ anonymous: z.literal(false), ref: z.string(), ...(withNote ? { note: z.string() } : {}) }),
        z.strictObject({ anonymous: z.literal(true), ...(withNote ? { note: z.string() } : {}) }),
      ]);
    expect(compareSchemas(schemaOf(union(true)), schemaOf(union(false))).map(({ path, rule }) => ({ path, rule }))).toEqual([
      { path: 'data.note', rule: 'field-removed' },
    ]);
  });

  test('recursive schemas are compared without looping', () => {
    interface Node {
      label: string;
      children: Node[];
    }
    const tree: z.ZodType<Node> = z.lazy(() => z.strictObject({ label: z.string(), children: z.array(tree) }));
    const narrowedTree: z.ZodType<Node> = z.lazy(() => z.strictObject({ label: z.string().max(5), children: z.array(narrowedTree) }));
    const before = schemaOf(z.strictObject({ tree }));
    expect(compareSchemas(before, before)).toEqual([]);
    expect(compareSchemas(before, schemaOf(z.strictObject({ tree: narrowedTree }))).map((c) => c.rule)).toContain('constraint-narrowed');
  });

  describe('data-protection classification (x-classification)', () => {
    const withClasses = (household: 'none' | 'personal' | 'special-category', scores: 'none' | 'personal' | 'special-category') =>
      schemaOf(
        z.strictObject({
          householdRef: classified(z.string().min(1).max(64), household),
          scores: classified(z.record(z.enum(['work', 'health']), z.int().min(0).max(5)), scores).optional(),
          note: classified(z.string().max(200), 'personal').nullable(),
        }),
      );
    /** A snapshot as published before the keyword became an `x-` extension: `classification`. */
    const legacySpelling = (schema: unknown): unknown =>
      JSON.parse(JSON.stringify(schema).replaceAll('"x-classification":', '"classification":'));
    const current = withClasses('personal', 'special-category');

    test('a snapshot published with the legacy `classification` keyword matches the x-classification schema: a rename, no change', () => {
      const published = legacySpelling(current);

      expect(JSON.stringify(published)).toContain('"classification":"special-category"');
      expect(JSON.stringify(published)).not.toContain('x-classification');
      expect(compareSchemas(published, current)).toEqual([]);
    });

    test('the legacy spelling keeps its meaning: a lowered classification is breaking, a stricter one passes', () => {
      expect(compareSchemas(legacySpelling(current), withClasses('none', 'personal'))).toEqual([
        { path: 'data.householdRef', rule: 'classification-lowered', detail: 'personal → none' },
        { path: 'data.scores', rule: 'classification-lowered', detail: 'special-category → personal' },
      ]);
      expect(compareSchemas(legacySpelling(current), withClasses('special-category', 'special-category'))).toEqual([]);
    });

    test('the published snapshots, written with the legacy spelling, keep every classification in today’s schemas', async () => {
      for (const definition of catalogue) {
        const file = new URL(`../../published/${versionedNameOf(definition)}.json`, import.meta.url);
        const snapshot = JSON.parse(await readFile(file, 'utf8')) as unknown;
        const lowered = classifiedFieldsOf(definition).length > 0 ? withoutClassifications(eventJsonSchemaOf(definition)) : undefined;

        expect({ type: definition.type, changes: compareSchemas(snapshot, eventJsonSchemaOf(definition)) }).toEqual({
          type: definition.type,
          changes: [],
        });
        // The guard reads the legacy spelling: dropping today's classifications is caught against the old snapshot.
        if (lowered) expect(compareSchemas(snapshot, lowered).map((c) => c.rule)).toContain('classification-lowered');
      }
    });

    test('a classified nullable field is compared as a whole, not per alternative', () => {
      const unclassifiedNote = schemaOf(
        z.strictObject({
          householdRef: classified(z.string().min(1).max(64), 'personal'),
          scores: classified(z.record(z.enum(['work', 'health']), z.int().min(0).max(5)), 'special-category').optional(),
          note: z.string().max(200).nullable(),
        }),
      );

      expect(compareSchemas(current, current)).toEqual([]);
      expect(compared2(current, unclassifiedNote)).toEqual([{ path: 'data.note', rule: 'classification-lowered' }]);
    });
  });
});

function compared2(before: unknown, after: unknown): Pick<BreakingChange, 'path' | 'rule'>[] {
  return compareSchemas(before, after).map(({ path, rule }) => ({ path, rule }));
}

function withoutClassifications(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema), (key: string, value: unknown) => (key === 'x-classification' ? undefined : value));
}
