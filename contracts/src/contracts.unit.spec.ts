import { describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import {
  catalogue,
  dataSchemaOf,
  definitionOf,
  ForbiddenError,
  fromKafkaRecord,
  parseEvent,
  sourceOf,
  toKafkaRecord,
  toValidationIssues,
  ValidationError,
  type AgencyKind,
  type EventDefinition,
  type HubEvent,
  type ValidationIssue,
} from './index.js';

/*
 * Contracts cannot depend on @traiettorie/testing (which depends on contracts),
 * so the CloudEvent envelopes are built here by hand.
 */
const caseId = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
const eventId = '3a9e6c52-1d4b-4f0e-9a77-2b5c8d1e0f43';

function envelopeFor(definition: EventDefinition, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: eventId,
    source: sourceOf(definition.emitters[0] as AgencyKind, 'ambito-sesto'),
    type: definition.type,
    time: '2026-10-21T09:00:00Z',
    subject: caseId,
    datacontenttype: 'application/json',
    dataschema: dataSchemaOf(definition),
    ambito: 'LOM-SESTO-SAN-GIOVANNI',
    personref: 'P-SSG-7f3a91',
    legalbasis: 'DL-48-2023',
    data: structuredClone(definition.example),
    ...overrides,
  };
}

function withData(type: string, changes: Record<string, unknown>, removed: string[] = []): Record<string, unknown> {
  const definition = definitionOf(type);
  const data: Record<string, unknown> = { ...(structuredClone(definition.example) as Record<string, unknown>), ...changes };
  for (const field of removed) delete data[field];
  return envelopeFor(definition, { data });
}

/** Runs parseEvent expecting it to throw, and returns what it threw. */
function rejectionOf(input: unknown): unknown {
  try {
    parseEvent(input);
  } catch (error) {
    return error;
  }
  throw new Error('parseEvent accepted the input');
}

function validationIssuesOf(input: unknown): ValidationIssue[] {
  const error = rejectionOf(input);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues;
}

describe('the event catalogue', () => {
  test.each(catalogue.map((definition) => [definition.type, definition] as const))(
    'when %s carries its documented example › it is accepted unchanged',
    (_type, definition) => {
      const event = envelopeFor(definition);

      expect(parseEvent(event)).toEqual(event);
    },
  );

  test('when an event is accepted › its data is a copy the caller cannot change afterwards', () => {
    const event = envelopeFor(definitionOf('CaseOpened'));

    const parsed = parseEvent(event);
    (event['data'] as Record<string, unknown>)['measure'] = 'SFL';

    expect((parsed as HubEvent<'CaseOpened'>).data.measure).toBe('ADI');
  });
});

describe('when the data of an event breaks its schema', () => {
  test('a measure outside the list › is refused naming the field and the enum rule', () => {
    const issues = validationIssuesOf(withData('CaseOpened', { measure: 'BONUS' }));

    expect(issues).toEqual([
      expect.objectContaining({ path: 'data.measure', rule: 'enum', expected: '"ADI" | "SFL" | "RdC" | "REI" | "LOCAL"' }),
    ]);
  });

  test('a missing referral date › is refused as required', () => {
    const issues = validationIssuesOf(withData('CaseOpened', {}, ['referralDate']));

    expect(issues).toEqual([expect.objectContaining({ path: 'data.referralDate', rule: 'required', expected: 'string' })]);
  });

  test.each([['02/10/2026'], ['2026-02-30'], ['2026-10-02T08:00:00Z']])(
    'a referral date written as %s › is refused as not an ISO date',
    (referralDate) => {
      const issues = validationIssuesOf(withData('CaseOpened', { referralDate }));

      expect(issues).toEqual([expect.objectContaining({ path: 'data.referralDate', rule: 'format:date' })]);
    },
  );

  test('a bound member identified by a codice fiscale › is refused as not pseudonymous', () => {
    const issues = validationIssuesOf(withData('PactSigned', { boundMembers: ['P-SSG-7f3a91', 'RSSMRA80A01F205X'] }));

    expect(issues).toEqual([expect.objectContaining({ path: 'data.boundMembers.1', rule: 'not-fiscal-code' })]);
  });

  test('a case manager name longer than 120 characters › is refused with the max rule', () => {
    const issues = validationIssuesOf(withData('CaseOpened', { caseManager: 'x'.repeat(121) }));

    expect(issues).toEqual([expect.objectContaining({ path: 'data.caseManager', rule: 'max:120' })]);
  });

  test('an assessment without any scored dimension › is refused as empty', () => {
    const issues = validationIssuesOf(withData('AssessmentCompleted', { dimensionScores: {} }));

    expect(issues).toEqual([expect.objectContaining({ path: 'data.dimensionScores', rule: 'non-empty' })]);
  });

  test('a field the schema does not know › is refused naming the unknown key', () => {
    const issues = validationIssuesOf(withData('CaseOpened', { notes: 'lives alone' }));

    expect(issues).toEqual([expect.objectContaining({ path: 'data', rule: 'unknown-keys', message: 'unknown field(s) not allowed here: notes' })]);
    expect(JSON.stringify(issues)).not.toContain('lives alone');
  });

  test('several broken fields › are all reported at once, and the error message names each', () => {
    const error = rejectionOf(withData('CaseOpened', { measure: 'BONUS' }, ['referralDate']));

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => `${i.path} ${i.rule}`)).toEqual([
      'data.measure enum',
      'data.referralDate required',
    ]);
    expect((error as ValidationError).message).toMatch(/^invalid event: data\.measure: .* \[enum\]; data\.referralDate: .* \[required\]$/);
    expect((error as ValidationError).code).toBe('VALIDATION');
    expect((error as ValidationError).retriable).toBe(false);
  });
});

describe('when the envelope of an event is wrong', () => {
  test('a person reference shaped like a codice fiscale › is refused as not pseudonymous', () => {
    const issues = validationIssuesOf(envelopeFor(definitionOf('CaseOpened'), { personref: 'RSSMRA80A01F205X' }));

    expect(issues).toEqual([expect.objectContaining({ path: 'personref', rule: 'not-fiscal-code' })]);
  });

  test('a codice fiscale written in lower case › is refused all the same', () => {
    const issues = validationIssuesOf(envelopeFor(definitionOf('CaseOpened'), { personref: 'rssmra80a01f205x' }));

    expect(issues).toEqual([expect.objectContaining({ path: 'personref', rule: 'not-fiscal-code' })]);
  });

  test('an event type the hub does not know › is refused as an unknown type', () => {
    const issues = validationIssuesOf(envelopeFor(definitionOf('CaseOpened'), { type: 'CaseReopened' }));

    expect(issues).toEqual([
      { path: 'type', rule: 'known-event-type', message: 'unknown event type "CaseReopened"' },
    ]);
  });

  test('something that is not an object at all › is refused, at least as of unknown type', () => {
    const issues = validationIssuesOf(null);

    expect(issues).toContainEqual(expect.objectContaining({ path: 'type', rule: 'known-event-type' }));
    expect(issues).toContainEqual(expect.objectContaining({ path: 'id', rule: 'required' }));
  });

  test('a data schema of another version › is refused as not matching the type version', () => {
    const issues = validationIssuesOf(
      envelopeFor(definitionOf('CaseOpened'), { dataschema: 'urn:traiettorie:schema:CaseOpened:v2' }),
    );

    expect(issues).toEqual([
      expect.objectContaining({
        path: 'dataschema',
        rule: 'matches-type-version',
        expected: 'urn:traiettorie:schema:CaseOpened:v1',
      }),
    ]);
  });

  test('a data schema of another type › is refused as not matching the type version', () => {
    const issues = validationIssuesOf(
      envelopeFor(definitionOf('CaseOpened'), { dataschema: dataSchemaOf(definitionOf('PactSigned')) }),
    );

    expect(issues).toEqual([expect.objectContaining({ path: 'dataschema', rule: 'matches-type-version' })]);
  });

  test('a time without a time zone › is refused as not an ISO date-time', () => {
    const issues = validationIssuesOf(envelopeFor(definitionOf('CaseOpened'), { time: '2026-10-21T09:00:00' }));

    expect(issues).toEqual([expect.objectContaining({ path: 'time', rule: 'format:datetime' })]);
  });

  test('an attribute outside CloudEvents and the hub extensions › is refused, naming the attribute but not its value', () => {
    const issues = validationIssuesOf(envelopeFor(definitionOf('CaseOpened'), { fiscalcode: 'RSSMRA80A01F205X' }));

    expect(issues).toEqual([expect.objectContaining({ path: '', rule: 'unknown-keys', message: expect.stringContaining('fiscalcode') })]);
    expect(JSON.stringify(issues)).not.toContain('RSSMRA80A01F205X');
  });

  test('unknown keys that may themselves be personal data (a name, a codice fiscale) › are counted, not named', () => {
    const issues = validationIssuesOf(withData('CaseOpened', { 'Mario Rossi': 3, RSSMRA80A01F205X: 'x', notes: 'lives alone' }));

    expect(issues).toEqual([expect.objectContaining({ path: 'data', rule: 'unknown-keys' })]);
    expect(issues[0]?.message).toBe('unknown field(s) not allowed here: notes; 2 more unknown field(s) not allowed here (not named: not shaped like a field name)');
  });

  test('a partitionkey (CloudEvents Partitioning, the Kafka binding’s key) › is accepted when it is the case id, refused otherwise', () => {
    const event = envelopeFor(definitionOf('CaseOpened'));

    expect(parseEvent({ ...event, partitionkey: event['subject'] })).toEqual({ ...event, partitionkey: event['subject'] });
    expect(validationIssuesOf({ ...event, partitionkey: 'P-SSG-7f3a91' })).toEqual([
      expect.objectContaining({ path: 'partitionkey', rule: 'equals-subject' }),
    ]);
    expect(JSON.stringify(validationIssuesOf({ ...event, partitionkey: 'P-SSG-7f3a91' }))).not.toContain('P-SSG-7f3a91');
  });

  test('a field of the wrong type › is reported as a type error, not as missing, without echoing the value', () => {
    const event = envelopeFor(definitionOf('CaseOpened'));
    const issues = validationIssuesOf({ ...event, data: { ...(event['data'] as object), referralDate: 20261002, caseManager: 'x'.repeat(200) } });

    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'data.referralDate', rule: 'type', expected: 'string', received: '20261002' }),
        expect.objectContaining({ path: 'data.caseManager', rule: 'max:120', received: 'string of length 200' }),
      ]),
    );
  });
});

describe('when an agency emits an event type that is not its own', () => {
  test('an employment centre signing a social-inclusion pact › is forbidden', () => {
    const event = envelopeFor(definitionOf('PactSigned'), { source: sourceOf('employment-centre', 'afol-metropolitana') });

    const error = rejectionOf(event);

    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).code).toBe('FORBIDDEN');
    expect((error as Error).message).toBe(
      '/agencies/employment-centre/afol-metropolitana may not emit PactSigned: only social-services',
    );
  });

  test('a social service recording an employment referral › is forbidden', () => {
    const event = envelopeFor(definitionOf('EmploymentReferralReceived'), {
      source: sourceOf('social-services', 'ambito-sesto'),
    });

    expect(rejectionOf(event)).toBeInstanceOf(ForbiddenError);
  });

  test('an event that is also invalid › is reported as invalid first, not as forbidden', () => {
    const event = envelopeFor(definitionOf('PactSigned'), {
      source: sourceOf('employment-centre', 'afol-metropolitana'),
      data: { ...pactExample(), supports: ['bonus'] },
    });

    const error = rejectionOf(event);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([expect.objectContaining({ path: 'data.supports.0', rule: 'enum' })]);
  });
});

function pactExample(): Record<string, unknown> {
  return structuredClone(definitionOf('PactSigned').example) as Record<string, unknown>;
}

describe('the Kafka binding', () => {
  const event: Record<string, unknown> = {
    ...envelopeFor(definitionOf('PactSigned')),
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  };

  test('an event travels keyed by its case, with its attributes as ce_ headers and its data as JSON', () => {
    const record = toKafkaRecord(parseEvent(event));

    expect(record.key).toBe(caseId);
    expect(JSON.parse(record.value)).toEqual(event['data']);
    expect(record.headers).toEqual({
      'content-type': 'application/json',
      ce_specversion: '1.0',
      ce_id: eventId,
      ce_source: '/agencies/social-services/ambito-sesto',
      ce_type: 'PactSigned',
      ce_time: '2026-10-21T09:00:00Z',
      ce_subject: caseId,
      // A v1 event is lifted to the latest version on parse (ADR 4).
      ce_dataschema: 'urn:traiettorie:schema:PactSigned:v2',
      ce_ambito: 'LOM-SESTO-SAN-GIOVANNI',
      ce_personref: 'P-SSG-7f3a91',
      ce_legalbasis: 'DL-48-2023',
      ce_traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
  });

  test('an event read back from its record › is the same event', () => {
    const record = toKafkaRecord(parseEvent(event));

    expect(fromKafkaRecord(record)).toEqual(event);
  });

  test('an event read back from the buffers Kafka delivers › is the same event and still valid', () => {
    const record = toKafkaRecord(parseEvent(event));
    const delivered = {
      value: Buffer.from(record.value),
      headers: Object.fromEntries(Object.entries(record.headers).map(([name, value]) => [name, Buffer.from(value)])),
    };

    expect(parseEvent(fromKafkaRecord(delivered))).toEqual(event);
  });

  test('an event without a trace context › travels without a ce_traceparent header', () => {
    const record = toKafkaRecord(parseEvent(envelopeFor(definitionOf('CaseOpened'))));

    expect(Object.keys(record.headers)).not.toContain('ce_traceparent');
    expect(fromKafkaRecord(record)).toEqual(envelopeFor(definitionOf('CaseOpened')));
  });

  test('a record whose header repeats › is read with the first value', () => {
    const read = fromKafkaRecord({ value: '{}', headers: { ce_type: [Buffer.from('CaseOpened'), 'PactSigned'] } });

    expect(read).toEqual({ type: 'CaseOpened', data: {} });
  });

  test('a record without a value (a tombstone) › is read with no data', () => {
    expect(fromKafkaRecord({ value: null, headers: { ce_type: 'CaseOpened' } })).toEqual({ type: 'CaseOpened', data: undefined });
  });
});

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
