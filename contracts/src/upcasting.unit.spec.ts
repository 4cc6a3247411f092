import { describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { createEventParser } from './event-parser.js';
import type { Upcaster } from './upcasting.js';
import { sourceOf } from './cloud-event.js';
import { dataSchemaOf, defineEvent } from './define-event.js';
import { ValidationError } from './errors.js';
import { catalogue, upcasters as catalogueUpcasters } from './catalogue.js';
import { pactSignedV1 } from './social-services/pact-signed.v1.js';
import { pactSignedV3 } from './social-services/pact-signed.v3.js';

// A type that changed twice: v2 added `members`, v3 renamed `note` to `summary`.
const base = { type: 'HouseholdNoted', context: 'social-services', emitters: ['social-services'], description: 'test' } as const;
const v1 = defineEvent({ ...base, version: 1, data: z.strictObject({ note: z.string().min(1) }), example: { note: 'first visit' } });
const v2 = defineEvent({
  ...base,
  version: 2,
  data: z.strictObject({ note: z.string().min(1), members: z.array(z.string()) }),
  example: { note: 'first visit', members: [] },
});
const v3 = defineEvent({
  ...base,
  version: 3,
  data: z.strictObject({ summary: z.string().min(1), members: z.array(z.string()) }),
  example: { summary: 'first visit', members: [] },
});
const upcasters: Upcaster[] = [
  { from: v1, upcast: (data) => ({ ...(data as { note: string }), members: [] }) },
  {
    from: v2,
    upcast: (data) => {
      const { note, members } = data as { note: string; members: string[] };
      return { summary: note, members };
    },
  },
];
const parse = createEventParser([v3], upcasters);

const envelope = (version: number, data: unknown) => ({
  specversion: '1.0',
  id: '8d0c2f0e-6a43-4a77-9b51-2f6a9d1c0b11',
  source: sourceOf('social-services', 'ambito-sesto-san-giovanni'),
  type: 'HouseholdNoted',
  time: '2026-11-03T10:00:00Z',
  subject: '3f2b8c8e-5b7a-4f0e-9a43-8d9c1e2f3a4b',
  datacontenttype: 'application/json',
  dataschema: dataSchemaOf({ type: 'HouseholdNoted', version }),
  ambito: 'LOM-SESTO-SAN-GIOVANNI',
  personref: 'P-SSG-7f3a91',
  legalbasis: 'DL-48-2023',
  data,
});

describe('reading an event written in an older version', () => {
  test('a v1 event › reaches the consumer as the latest version, lifted step by step', () => {
    const event = parse(envelope(1, { note: 'first visit' }));

    expect(event.data).toEqual({ summary: 'first visit', members: [] });
    expect(event.dataschema).toBe(dataSchemaOf(v3));
  });

  test('a v2 event › is lifted from where it stands', () => {
    expect(parse(envelope(2, { note: 'follow-up', members: ['P-SSG-1'] })).data).toEqual({ summary: 'follow-up', members: ['P-SSG-1'] });
  });

  test('a current event › passes unchanged', () => {
    expect(parse(envelope(3, { summary: 'now', members: [] })).data).toEqual({ summary: 'now', members: [] });
  });

  test('old data that broke its own version’s contract › is refused with the path in that version’s terms', () => {
    let error: unknown;
    try {
      parse(envelope(1, { note: '' }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([expect.objectContaining({ path: 'data.note', rule: 'min:1' })]);
  });

  test('a version nobody knows › is refused naming the dataschema', () => {
    expect(() => parse(envelope(7, { summary: 'x', members: [] }))).toThrow(/dataschema/);
  });
});

describe('a PactSigned stored before v3 (the catalogue’s own upcasters)', () => {
  const parseCatalogue = createEventParser(catalogue, catalogueUpcasters);
  const pact = (version: number) => ({ ...envelope(version, pactSignedV1.example), type: 'PactSigned', dataschema: dataSchemaOf({ type: 'PactSigned', version }) });

  test.each([1, 2])('a v%i pact › reaches its readers as v3, with no commitments recorded, its other data as stored', (version) => {
    const event = parseCatalogue(pact(version));

    expect(event.dataschema).toBe(dataSchemaOf(pactSignedV3));
    expect(event.data).toEqual({ ...pactSignedV1.example, commitments: [] });
  });

  test('a v3 pact whose commitment names someone not bound by it › is refused naming the field and the rule', () => {
    const data = { ...pactSignedV3.example, commitments: [{ memberRef: 'P-SSG-000000', objectiveCode: 'EMP-1', description: 'Attend' }] };
    const refused = (() => {
      try {
        parseCatalogue({ ...pact(3), data });
        return undefined;
      } catch (error) {
        return error;
      }
    })();

    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues).toEqual([expect.objectContaining({ path: 'data.commitments', rule: 'bound-member' })]);
  });
});
