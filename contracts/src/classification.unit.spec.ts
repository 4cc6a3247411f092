import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { z } from 'zod';
import { classifiedFieldsOf } from './classification.js';
import { classified, type Classification } from './common.js';
import { defineEvent } from './define-event.js';

describe('the classified fields of an event', () => {
  test('nested in arrays, records and odd names › are addressed with [*] and quoted names, stricter fields inside too', () => {
    const nested = defineEvent({
      type: 'NestedExample',
      version: 1,
      context: 'social-services',
      emitters: ['social-services'],
      description: 'test only',
      data: z.strictObject({
        members: classified(
          z.array(
            z.strictObject({
              ref: classified(z.string(), 'personal'),
              health: classified(z.string(), 'special-category'),
            }),
          ),
          'personal',
        ),
        visits: z.array(z.strictObject({ operator: classified(z.string(), 'personal'), on: z.iso.date() })),
        scores: z.record(z.string(), classified(z.int(), 'special-category')),
        'first-name': classified(z.string(), 'personal').optional(),
        plain: z.string(),
      }),
      example: { members: [], visits: [], scores: {}, plain: 'x' },
    });

    expect(classifiedFieldsOf(nested).map((f) => `${f.path} ${f.classification}`)).toEqual([
      '$.members personal',
      '$.members[*].health special-category',
      '$.scores[*] special-category',
      '$.visits[*].operator personal',
      "$['first-name'] personal",
    ]);
  });

  test('of any flat schema › are exactly the fields classified personal or special category', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.stringMatching(/^[a-z][A-Za-z0-9]{0,12}$/),
          fc.constantFrom<Classification>('none', 'personal', 'special-category'),
          { minKeys: 1, maxKeys: 8 },
        ),
        (fields) => {
          const shape = Object.fromEntries(
            Object.entries(fields).map(([name, classification]) => [name, classified(z.string(), classification)]),
          );

          const found = classifiedFieldsOf({ data: z.strictObject(shape) });

          const expected = Object.entries(fields)
            .filter(([, classification]) => classification !== 'none')
            .map(([name, classification]) => ({ path: `$.${name}`, classification }));
          expect(found.map(({ path, classification }) => ({ path, classification })).sort(byPath)).toEqual(expected.sort(byPath));
        },
      ),
    );
  });
});

const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
