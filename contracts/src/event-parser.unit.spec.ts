import { describe, expect, test } from '@jest/globals';
import type { HubEvent } from './catalogue.js';
import { definitionOf } from './catalogue.js';
import { sourceOf } from './cloud-event.js';
import { dataSchemaOf } from './define-event.js';
import { ForbiddenError, ValidationError } from './errors.js';
import { parseEvent } from './event-parser.js';
import { envelopeFor, exampleOf, rejectionOf, validationIssuesOf, withData } from './testing/parse-outcome.js';

/*
 * How parseEvent reads any event: the envelope, the shape of its issues, who
 * may emit what. What each agency's data may hold is in its folder's spec.
 */

describe('the event catalogue', () => {
  test('when an event is accepted › its data is a copy the caller cannot change afterwards', () => {
    const event = envelopeFor(definitionOf('CaseOpened'));

    const parsed = parseEvent(event);
    (event['data'] as Record<string, unknown>)['measure'] = 'SFL';

    expect((parsed as HubEvent<'CaseOpened'>).data.measure).toBe('ADI');
  });
});

describe('when the data of an event breaks its schema', () => {
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
      data: { ...exampleOf('PactSigned'), supports: ['bonus'] },
    });

    const error = rejectionOf(event);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([expect.objectContaining({ path: 'data.supports.0', rule: 'enum' })]);
  });
});
