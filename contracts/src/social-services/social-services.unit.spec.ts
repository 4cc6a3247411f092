import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { definitionOf } from '../catalogue.js';
import { classifiedFieldsOf, classifiedPathsOf, personReferencesOf } from '../classification.js';
import { issuesWith, validationIssuesOf, where, withData } from '../testing/parse-outcome.js';

/* What the social services' events may hold. Rules every event keeps are in ../catalogue.unit.spec.ts. */

describe('special-category data (DOMAIN.md tags SC and SC*)', () => {
  test.each([
    ['AssessmentCompleted', '$.dimensionScores'],
    ['EEMMConvened', '$.memberAgencyTypes'],
  ])('%s › classifies %s as special category', (type, path) => {
    expect(classifiedPathsOf(definitionOf(type), 'special-category')).toContain(path);
  });
});

describe('the classified fields of an event', () => {
  test('of a signed pact › are its bound members and its commitments, as a whole, and the objectives\' free-text descriptions', () => {
    expect(classifiedFieldsOf(definitionOf('PactSigned'))).toEqual([
      { path: '$.boundMembers', segments: ['boundMembers'], classification: 'personal' },
      { path: '$.commitments', segments: ['commitments'], classification: 'personal' },
      { path: '$.objectives[*].description', segments: ['objectives', '*', 'description'], classification: 'personal' },
    ]);
  });

  test('of a signed pact › each bound member is a reference to a person, erased with that person', () => {
    expect(personReferencesOf(definitionOf('PactSigned')).map((f) => f.path)).toEqual(['$.boundMembers[*]', '$.commitments[*].memberRef']);
    expect(personReferencesOf(definitionOf('PactRevised')).map((f) => f.path)).toEqual(['$.boundMembers[*]', '$.commitments[*].memberRef']);
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
});

describe('when event data breaks its schema › it is refused naming the field', () => {
  test('PUC hours outside 8 to 16 a week', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 160 }).map((q) => q / 4), (hoursPerWeek) => {
        const issues = where(issuesWith('PUCAssigned', { hoursPerWeek }));

        if (hoursPerWeek < 8) expect(issues).toEqual(['data.hoursPerWeek min:8']);
        else if (hoursPerWeek > 16) expect(issues).toEqual(['data.hoursPerWeek max:16']);
        else expect(issues).toEqual([]);
      }),
    );
  });

  test('a next check set more than 90 days after the periodic check', () => {
    expect(where(issuesWith('PeriodicCheckCompleted', { checkedOn: '2027-01-12', nextCheckDueBy: '2027-04-13' }))).toEqual([
      'data.nextCheckDueBy within-90-days:checkedOn',
    ]);
  });

  test('a first appointment due more than 120 days after the activation pact', () => {
    expect(where(issuesWith('BeneficiaryReferralReceived', { firstAppointmentDueBy: '2027-01-13' }))).toEqual([
      'data.firstAppointmentDueBy within-120-days:padSignedOn',
    ]);
  });

  test('a household member identified by a codice fiscale', () => {
    expect(where(issuesWith('ConditionalityBreachReported', { memberRef: 'RSSMRA80A01F205X' }))).toEqual([
      'data.memberRef not-fiscal-code',
    ]);
  });

  test('a commitment of someone the revised pact does not bind', () => {
    const commitments = [{ memberRef: 'P-SSG-0000ff', objectiveCode: 'EMP-1', description: 'Attend the tirocinio' }];

    expect(where(issuesWith('PactRevised', { commitments }))).toEqual(['data.commitments bound-member']);
  });
});
