import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { z } from 'zod';
import * as contracts from './index.js';
import {
  agencyKinds,
  anonymousPersonRefOf,
  catalogue,
  classified,
  classifiedFieldsOf,
  classifiedPathsOf,
  personReferencesOf,
  dataSchemaOf,
  defineEvent,
  definitionOf,
  exitSituations,
  isAnonymousPersonRef,
  parseEvent,
  sourceOf,
  ValidationError,
  type AgencyKind,
  type Classification,
  type EventDefinition,
  type ValidationIssue,
} from './index.js';
import { addMonths, daysBetween } from './rules.js';

/*
 * Contracts cannot depend on @traiettorie/testing (which depends on contracts),
 * so the CloudEvent envelopes are built here by hand.
 */
function envelopeFor(definition: EventDefinition, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: '3a9e6c52-1d4b-4f0e-9a77-2b5c8d1e0f43',
    source: sourceOf(definition.emitters[0] as AgencyKind, 'ambito-sesto'),
    type: definition.type,
    time: '2026-10-21T09:00:00Z',
    subject: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
    datacontenttype: 'application/json',
    dataschema: dataSchemaOf(definition),
    ambito: 'LOM-SESTO-SAN-GIOVANNI',
    personref: 'P-SSG-7f3a91',
    legalbasis: 'DL-48-2023',
    data: structuredClone(definition.example),
    ...overrides,
  };
}

function exampleOf(type: string): Record<string, unknown> {
  return structuredClone(definitionOf(type).example) as Record<string, unknown>;
}

/** The issues parseEvent raises for the type's example with `changes` applied, or [] when it accepts it. */
function issuesWith(type: string, changes: Record<string, unknown>, envelope: Record<string, unknown> = {}): ValidationIssue[] {
  const data = Object.fromEntries(Object.entries({ ...exampleOf(type), ...changes }).filter(([, v]) => v !== undefined));
  try {
    parseEvent(envelopeFor(definitionOf(type), { data, ...envelope }));
    return [];
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
}

const where = (issues: readonly ValidationIssue[]) => issues.map((i) => `${i.path} ${i.rule}`);

/** Every event type of DOMAIN.md's catalogue. */
const domainCatalogue = {
  'social-services': [
    'BeneficiaryReferralReceived',
    'FirstAppointmentHeld',
    'CaseOpened',
    'CaseTakenInCharge',
    'PreliminaryAnalysisCompleted',
    'EEMMConvened',
    'AssessmentCompleted',
    'PactSigned',
    'PactRevised',
    'PeriodicCheckCompleted',
    'ConditionalityBreachReported',
    'SupportActivated',
    'PUCAssigned',
    'PUCAttendanceRecorded',
    'CaseClosed',
  ],
  'employment-centre': [
    'EmploymentReferralReceived',
    'DIDRegistered',
    'ProfilingCompleted',
    'ServicePactSigned',
    'TrainingEnrolled',
    'TrainingCompleted',
    'TirocinioStarted',
    'TirocinioEnded',
    'JobOfferResponded',
    'EmploymentStarted',
  ],
  'health-services': [
    'SpecialistServiceInvolved',
    'ActivityFitnessAssessed',
    'CarePathStatusChanged',
    'ConsentRecorded',
    'ConsentWithdrawn',
  ],
  'third-sector': ['ServiceDeliveryStarted', 'AttendanceRecorded', 'ParticipantExitRecorded'],
  programme: ['ParticipantEnrolledInOperation', 'SixMonthFollowUpRecorded', 'ExpenditureDeclared', 'OperationClosed'],
} satisfies Record<AgencyKind, string[]>;

const definitions = catalogue.map((definition) => [definition.type, definition as EventDefinition] as const);

describe('the full event catalogue', () => {
  test.each(definitions)('the example of %s › parses with its own data schema', (_type, definition) => {
    const parsed = definition.data.safeParse(definition.example);

    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  test.each(definitions)('the example of %s › travels in a valid CloudEvent from its first emitter', (_type, definition) => {
    expect(parseEvent(envelopeFor(definition))).toEqual(envelopeFor(definition));
  });

  test('every event type of the domain catalogue is defined, in the context that owns it', () => {
    const byContext = Object.fromEntries(
      agencyKinds.map((kind) => [kind, catalogue.filter((d) => d.context === kind).map((d) => d.type).sort()]),
    );

    expect(byContext).toEqual(Object.fromEntries(Object.entries(domainCatalogue).map(([kind, types]) => [kind, [...types].sort()])));
  });

  test('no event type is listed twice', () => {
    const types = catalogue.map((d) => d.type);

    expect(new Set(types).size).toBe(types.length);
  });

  test.each(definitions)('%s › belongs to an agency kind, which alone may emit it', (_type, definition) => {
    expect(agencyKinds).toContain(definition.context);
    expect(definition.emitters).toEqual([definition.context]);
    expect(definition.version).toBeGreaterThanOrEqual(1);
  });

  test.each(definitions)('%s › is described in one short line', (_type, definition) => {
    expect(definition.description).toMatch(/^[^\n]{20,160}$/);
  });

  test.each(definitions)('%s › is exported from the package under its camel-case name', (type, definition) => {
    const name = `${type.replace(/^[A-Z]+(?=[A-Z][a-z])|^[A-Z]/, (head) => head.toLowerCase())}V${definition.version}`;

    expect((contracts as Record<string, unknown>)[name]).toBe(definition);
  });

  test('every data schema refuses a field it does not know, naming the field', () => {
    const known = new Set(catalogue.flatMap((d) => Object.keys(d.example as object)));
    fc.assert(
      fc.property(
        fc.constantFrom(...catalogue.map((d) => d.type)),
        fc.stringMatching(/^[a-z][A-Za-z]{0,20}$/).filter((key) => !known.has(key)),
        fc.jsonValue(),
        (type, key, value) => {
          expect(where(issuesWith(type, { [key]: value }))).toEqual([`data unknown-keys`]);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('special-category data (DOMAIN.md tags SC and SC*)', () => {
  test.each([
    ['AssessmentCompleted', '$.dimensionScores'],
    ['EEMMConvened', '$.memberAgencyTypes'],
    ['SpecialistServiceInvolved', '$.serviceCategory'],
    ['ActivityFitnessAssessed', '$.fitness'],
    ['ActivityFitnessAssessed', '$.adjustments'],
    ['CarePathStatusChanged', '$.status'],
    ['ParticipantEnrolledInOperation', '$.disability'],
    ['ParticipantEnrolledInOperation', '$.minority'],
  ])('%s › classifies %s as special category', (type, path) => {
    expect(classifiedPathsOf(definitionOf(type), 'special-category')).toContain(path);
  });

  test('only the tagged events, and the pre-assessment that may reveal a health need, carry special-category fields', () => {
    const special = catalogue.filter((d) => classifiedPathsOf(d, 'special-category').length > 0).map((d) => d.type);

    expect(special.sort()).toEqual(
      [
        'ActivityFitnessAssessed',
        'AssessmentCompleted',
        'CarePathStatusChanged',
        'EEMMConvened',
        'ParticipantEnrolledInOperation',
        'PreliminaryAnalysisCompleted',
        'SpecialistServiceInvolved',
      ].sort(),
    );
  });

  test('every reference to another person in event data is classified at least personal', () => {
    for (const definition of catalogue) {
      const protectedPaths = classifiedFieldsOf(definition).map((f) => f.path);
      for (const path of personRefPathsOf(z.toJSONSchema(definition.data) as JsonNode)) {
        const covered = protectedPaths.some((p) => path === p || path.startsWith(`${p}[`) || path.startsWith(`${p}.`));

        expect({ type: definition.type, path, covered }).toEqual({ type: definition.type, path, covered: true });
      }
    }
  });

  test('no health-services event can carry a diagnosis: whatever it is called, an extra field is refused', () => {
    const health = catalogue.filter((d) => d.context === 'health-services').map((d) => d.type);
    fc.assert(
      fc.property(
        fc.constantFrom(...health),
        fc.constantFrom('diagnosis', 'icd10', 'diagnosi', 'notes', 'clinicalNotes', 'condition'),
        fc.string({ minLength: 1 }),
        (type, key, text) => {
          expect(where(issuesWith(type, { [key]: text }))).toEqual([`data unknown-keys`]);
        },
      ),
    );
  });
});

type JsonNode = { [key: string]: unknown };

/** Where the data schema holds a pseudonymous person reference (the JSON Schema of `personRef`). */
function personRefPathsOf(node: JsonNode, path = '$'): string[] {
  const paths = node['pattern'] === '^[A-Za-z0-9._:-]+$' ? [path] : [];
  const children: [unknown, string][] = [
    ...Object.entries((node['properties'] ?? {}) as JsonNode).map(([name, child]): [unknown, string] => [child, `${path}.${name}`]),
    [node['items'], `${path}[*]`],
    ...[...((node['oneOf'] ?? []) as unknown[]), ...((node['anyOf'] ?? []) as unknown[])].map((child): [unknown, string] => [child, path]),
  ];
  for (const [child, childPath] of children) {
    if (typeof child === 'object' && child !== null) paths.push(...personRefPathsOf(child as JsonNode, childPath));
  }
  return paths;
}

describe('the classified fields of an event', () => {
  test('of a signed pact › are its bound members, as a whole, and the objectives\' free-text descriptions', () => {
    expect(classifiedFieldsOf(definitionOf('PactSigned'))).toEqual([
      { path: '$.boundMembers', segments: ['boundMembers'], classification: 'personal' },
      { path: '$.objectives[*].description', segments: ['objectives', '*', 'description'], classification: 'personal' },
    ]);
  });

  test('of a signed pact › each bound member is a reference to a person, erased with that person', () => {
    expect(personReferencesOf(definitionOf('PactSigned'))).toEqual([{ path: '$.boundMembers[*]', segments: ['boundMembers', '*'] }]);
    expect(personReferencesOf(definitionOf('PactRevised')).map((f) => f.path)).toEqual(['$.boundMembers[*]', '$.commitments[*].memberRef']);
  });

  test('every person reference of the catalogue is marked: no field typed as a person reference is left out', () => {
    const marked = catalogue.flatMap((d) => personReferencesOf(d).map((f) => `${d.type}:${f.path}`));
    expect(marked.sort()).toEqual([
      'ConditionalityBreachReported:$.memberRef',
      'PUCAssigned:$.memberRef',
      'PUCAttendanceRecorded:$.memberRef',
      'PactRevised:$.boundMembers[*]',
      'PactRevised:$.commitments[*].memberRef',
      'PactSigned:$.boundMembers[*]',
      'SupportActivated:$.beneficiaries[*]',
    ]);
  });

  test('every document reference is personal, in every event that carries one', () => {
    const documentRefs = catalogue.filter((d) => 'documentRef' in (d.example as object));
    expect(documentRefs.map((d) => d.type).sort()).toEqual(['AssessmentCompleted', 'ConsentRecorded', 'PreliminaryAnalysisCompleted']);
    for (const d of documentRefs) expect(classifiedPathsOf(d, 'personal')).toContain('$.documentRef');
  });

  test('of an enrolment in a funded operation › are the ESF+ participant data, disability and minority as special category', () => {
    const enrolment = definitionOf('ParticipantEnrolledInOperation');

    expect(classifiedPathsOf(enrolment, 'special-category')).toEqual(['$.disability', '$.minority']);
    expect(classifiedPathsOf(enrolment, 'personal')).toEqual([
      '$.ageBand',
      '$.foreignBackground',
      '$.gender',
      '$.homelessOrHousingExclusion',
      '$.iscedLevel',
      '$.labourStatus',
      '$.ruralArea',
      '$.thirdCountryNational',
    ]);
  });

  test('of a specialist involvement › is the involvement and the service category once, whether the person is anonymous or not', () => {
    expect(classifiedFieldsOf(definitionOf('SpecialistServiceInvolved'))).toEqual([
      { path: '$.involvement', segments: ['involvement'], classification: 'special-category' },
      { path: '$.serviceCategory', segments: ['serviceCategory'], classification: 'special-category' },
    ]);
  });

  test('of a declaration of expenditure › are none: it concerns no person', () => {
    expect(classifiedFieldsOf(definitionOf('ExpenditureDeclared'))).toEqual([]);
  });

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

describe('when event data breaks its schema › it is refused naming the field', () => {
  test('a CUP of 14 characters', () => {
    expect(where(issuesWith('ParticipantEnrolledInOperation', { cup: 'J41B1600029000' }))).toEqual(['data.cup min:15']);
  });

  test('a CUP of any length but 15, or with a character other than an upper-case letter or digit', () => {
    const cupChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
    fc.assert(
      fc.property(fc.string({ unit: cupChar, maxLength: 30 }).filter((s) => s.length !== 15), (cup) => {
        expect(where(issuesWith('ExpenditureDeclared', { cup }))).toEqual([cup.length < 15 ? 'data.cup min:15' : 'data.cup max:15']);
      }),
    );
    fc.assert(
      fc.property(
        fc.string({ unit: cupChar, minLength: 14, maxLength: 14 }),
        fc.constantFrom('a', 'z', '-', ' ', 'é', '_'),
        fc.nat(14),
        (rest, odd, at) => {
          const cup = rest.slice(0, at) + odd + rest.slice(at);
          expect(where(issuesWith('OperationClosed', { cup }))).toEqual(['data.cup format:regex']);
        },
      ),
    );
  });

  test('a CUP of 15 upper-case letters and digits › is accepted', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9]{15}$/), (cup) => {
        expect(issuesWith('SixMonthFollowUpRecorded', { cup })).toEqual([]);
      }),
    );
  });

  test('an amount that is not a whole number of cents, or is written as a decimal string', () => {
    const lines = exampleOf('ExpenditureDeclared')['lines'] as Record<string, unknown>[];
    for (const amountCents of [3_412_500.5, '34125.00']) {
      const changed = lines.map((line, i) => (i === 0 ? { ...line, amountCents } : line));

      expect(issuesWith('ExpenditureDeclared', { lines: changed }).map((i) => i.path)).toEqual(['data.lines.0.amountCents']);
    }
  });

  test('a declaration whose lines do not add up to its total, by any amount', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({ category: fc.constantFrom(...contracts.costCategories), source: fc.constantFrom(...contracts.fundingSources) }),
          { minLength: 1, maxLength: 6, selector: (l) => `${l.category}/${l.source}` },
        ),
        fc.array(fc.integer({ min: 1, max: 500_000_000 }), { minLength: 6, maxLength: 6 }),
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        (kinds, amounts, error) => {
          const lines = kinds.map((k, i) => ({ costCategory: k.category, fundingSource: k.source, amountCents: amounts[i] }));
          const sum = lines.reduce((total, l) => total + (l.amountCents ?? 0), 0);
          fc.pre(sum + error >= 1);

          const issues = where(issuesWith('ExpenditureDeclared', { lines, totalCents: sum + error }));

          expect(issues).toEqual(error === 0 ? [] : ['data.totalCents sum-of-lines']);
        },
      ),
    );
  });

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

  test('hours that are not a positive number of quarter hours', () => {
    expect(where(issuesWith('TirocinioStarted', { hoursPerWeek: 0 }))).toEqual(['data.hoursPerWeek min:0']);
    expect(where(issuesWith('TirocinioStarted', { hoursPerWeek: 20.1 }))).toEqual(['data.hoursPerWeek not_multiple_of']);
    expect(where(issuesWith('TirocinioStarted', { hoursPerWeek: 41 }))).toEqual(['data.hoursPerWeek max:40']);
  });

  test('a tirocinio planned to end before it starts, or to outlast 24 months (inclusione) or 12 (the others)', () => {
    const start = new Date('2020-01-01');
    fc.assert(
      fc.property(
        fc.constantFrom(...contracts.tirocinioTypes),
        fc.date({ min: start, max: new Date('2030-12-31'), noInvalidDate: true }),
        fc.integer({ min: -400, max: 800 }),
        (type, startsOnDate, days) => {
          const startsOn = startsOnDate.toISOString().slice(0, 10);
          const plannedEndOn = new Date(Date.parse(startsOn) + days * 86_400_000).toISOString().slice(0, 10);
          const limit = addMonths(startsOn, type === 'inclusione-sociale' ? 24 : 12);

          const issues = where(issuesWith('TirocinioStarted', { type, startsOn, plannedEndOn }));

          if (days < 0) expect(issues).toEqual(['data.plannedEndOn not-before:startsOn']);
          else if (plannedEndOn > limit) expect(issues).toEqual(['data.plannedEndOn max-duration']);
          else expect(issues).toEqual([]);
        },
      ),
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

  test('a malformed date › is reported once, as a format error, not again by the date rules', () => {
    expect(where(issuesWith('TirocinioStarted', { startsOn: '01/03/2027' }))).toEqual(['data.startsOn format:date']);
  });

  test('a situation at exit that the ESF+ result indicators cannot count', () => {
    fc.assert(
      fc.property(fc.subarray([...exitSituations]), (situationAtExit) => {
        const countable =
          situationAtExit.length > 0 &&
          (!situationAtExit.includes('none') || situationAtExit.length === 1) &&
          !(situationAtExit.includes('job-searching') && situationAtExit.includes('employed'));

        const issues = issuesWith('ParticipantExitRecorded', { situationAtExit });

        expect(issues.length === 0).toBe(countable);
        for (const issue of issues) expect(issue.path).toBe('data.situationAtExit');
      }),
    );
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

  test('a fitness statement with adjustments but none listed', () => {
    expect(where(issuesWith('ActivityFitnessAssessed', { adjustments: [], maxWeeklyHours: undefined }))).toEqual([
      'data.adjustments only-with-adjustments',
    ]);
  });

  test('a health service sharing the service category without a recorded consent', () => {
    expect(where(issuesWith('SpecialistServiceInvolved', { consentId: undefined }))).toEqual([
      'data.consentId consent-for-service-category',
    ]);
  });

  test('a health service sharing the involvement alone, without category or consent › is accepted', () => {
    expect(issuesWith('SpecialistServiceInvolved', { consentId: undefined, serviceCategory: undefined })).toEqual([]);
  });
});

describe('an anonymous specialist involvement (DPR 309/1990 art. 120)', () => {
  const anonymous = { anonymous: true, involvedOn: '2026-10-20', serviceCategory: 'addictions' };

  test('with an anon: person reference › is accepted', () => {
    fc.assert(
      fc.property(fc.uuid({ version: 4 }), (uuid) => {
        const personref = anonymousPersonRefOf(uuid);
        const event = envelopeFor(definitionOf('SpecialistServiceInvolved'), { personref, data: anonymous });

        expect(isAnonymousPersonRef(personref)).toBe(true);
        expect(parseEvent(event)).toEqual(event);
      }),
    );
  });

  test("with the person's own reference › is refused on the envelope's personref", () => {
    const event = envelopeFor(definitionOf('SpecialistServiceInvolved'), { data: anonymous });

    expect(() => parseEvent(event)).toThrow(ValidationError);
    expect(where(validationIssuesOf(event))).toEqual(['personref anonymous-person-ref']);
  });

  test('carrying anything that could link it to a case (consent, EEMM role) › is refused', () => {
    const event = envelopeFor(definitionOf('SpecialistServiceInvolved'), {
      personref: anonymousPersonRefOf('0d5c8b8e-3f0a-4c61-9d2e-7a1b3c5d7e9f'),
      data: { ...anonymous, consentId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', involvement: 'joins-eemm' },
    });

    expect(where(validationIssuesOf(event))).toEqual(['data unknown-keys']);
  });

  test('an identified involvement with an anon: reference › is refused: the flag and the envelope never disagree', () => {
    const event = envelopeFor(definitionOf('SpecialistServiceInvolved'), {
      personref: anonymousPersonRefOf('0d5c8b8e-3f0a-4c61-9d2e-7a1b3c5d7e9f'),
    });

    expect(where(validationIssuesOf(event))).toEqual(['personref identified-person-ref']);
  });

  test('an operation-level programme event › may travel with an anon: reference, since it concerns no person', () => {
    const event = envelopeFor(definitionOf('OperationClosed'), {
      personref: anonymousPersonRefOf('5b0e9c1d-2a3f-4e5b-8c7d-9e0f1a2b3c4d'),
    });

    expect(parseEvent(event)).toEqual(event);
  });
});

function validationIssuesOf(event: unknown): ValidationIssue[] {
  try {
    parseEvent(event);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('parseEvent accepted the event');
}

describe('calendar arithmetic of the date rules', () => {
  test('adding months › clamps to the last day of a shorter month', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-01-15', 24)).toBe('2028-01-15');
  });

  test('adding months › never goes back in time and moves by at most 31 days a month', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), fc.nat(36), (date, months) => {
        const from = date.toISOString().slice(0, 10);
        const gap = daysBetween(from, addMonths(from, months));

        expect(gap).toBeGreaterThanOrEqual(months * 28);
        expect(gap).toBeLessThanOrEqual(months * 31);
      }),
    );
  });
});
