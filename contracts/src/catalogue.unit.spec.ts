import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { z } from 'zod';
import * as contracts from './index.js';
import {
  agencyKinds,
  catalogue,
  classifiedFieldsOf,
  classifiedPathsOf,
  parseEvent,
  personReferencesOf,
  upcasters,
  type AgencyKind,
  type EventDefinition,
} from './index.js';
import { envelopeFor, issuesWith, where } from './testing/parse-outcome.js';

/*
 * Rules every event of the catalogue keeps, whichever agency emits it. Each
 * agency's own rules are in its folder's spec (e.g. social-services/social-services.unit.spec.ts).
 */

/** Every event type of DOMAIN.md's catalogue, and the hub's own access log (issue 10, ADR 12). */
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
    // Not in DOMAIN.md: the hub records every read of a person's data for the case's social services.
    'PersonalDataAccessed',
    // Not in DOMAIN.md (issue 11): a legal deadline passed; the case learned of an employment.
    'DeadlineMissed',
    'ConditionalityUpdated',
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
    // Not in DOMAIN.md: the CPI's record of a pact with a tirocinio (issue 11's policy).
    'TirocinioPlacementRequested',
  ],
  'health-services': [
    'SpecialistServiceInvolved',
    'ActivityFitnessAssessed',
    'CarePathStatusChanged',
    'ConsentRecorded',
    'ConsentWithdrawn',
  ],
  // ServiceDeliveryExpected (issue 11): the partner's record of a support activated with it.
  'third-sector': ['ServiceDeliveryExpected', 'ServiceDeliveryStarted', 'AttendanceRecorded', 'ParticipantExitRecorded'],
  // ParticipantLeftOperation and SituationUponLeaving (issue 11): the ESF+ leaver and their immediate result.
  programme: ['ParticipantEnrolledInOperation', 'ParticipantLeftOperation', 'SituationUponLeaving', 'SixMonthFollowUpRecorded', 'ExpenditureDeclared', 'OperationClosed'],
} satisfies Record<AgencyKind, string[]>;

function isEventDefinition(value: unknown): value is EventDefinition {
  return typeof value === 'object' && value !== null && ['type', 'version', 'context', 'emitters', 'data', 'example'].every((key) => key in value);
}

const definitions = catalogue.map((definition) => [definition.type, definition as EventDefinition] as const);

describe('the full event catalogue', () => {
  test.each(definitions)('the example of %s › parses with its own data schema', (_type, definition) => {
    const parsed = definition.data.safeParse(definition.example);

    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  test.each(definitions)('the example of %s › travels in a valid CloudEvent from its first emitter, accepted unchanged', (_type, definition) => {
    const event = envelopeFor(definition);

    expect(parseEvent(event)).toEqual(event);
  });

  test('every event type of the domain catalogue is defined, in the context that owns it', () => {
    const byContext = Object.fromEntries(
      agencyKinds.map((kind) => [kind, catalogue.filter((d) => d.context === kind).map((d) => d.type).sort()]),
    );

    expect(byContext).toEqual(Object.fromEntries(Object.entries(domainCatalogue).map(([kind, types]) => [kind, [...types].sort()])));
  });

  test("every event definition file is registered in its agency's barrel: as the latest version, or as an older one with its upcaster", async () => {
    const registered = new Set<unknown>([...catalogue, ...upcasters.map((u) => u.from)]);
    const files = agencyKinds.flatMap((kind) =>
      readdirSync(new URL(`./${kind}/`, import.meta.url))
        .filter((name) => /\.v\d+\.js$/.test(name))
        .map((name) => `./${kind}/${name}`),
    );
    const unregistered: string[] = [];
    for (const file of files) {
      const definitionsIn = Object.values((await import(file)) as Record<string, unknown>).filter(isEventDefinition);
      for (const definition of definitionsIn) if (!registered.has(definition)) unregistered.push(`${file} ${definition.type}`);
    }

    expect(files.length).toBe(catalogue.length + upcasters.length);
    expect(unregistered).toEqual([]);
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
        // Which health or SerD fields a read disclosed or withheld says that they exist (ADR 12).
        'PersonalDataAccessed',
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
  test('every person reference of the catalogue is marked: no field typed as a person reference is left out', () => {
    const marked = catalogue.flatMap((d) => personReferencesOf(d).map((f) => `${d.type}:${f.path}`));
    expect(marked.sort()).toEqual([
      'ConditionalityBreachReported:$.memberRef',
      'PUCAssigned:$.memberRef',
      'PUCAttendanceRecorded:$.memberRef',
      'PactRevised:$.boundMembers[*]',
      'PactRevised:$.commitments[*].memberRef',
      'PactSigned:$.boundMembers[*]',
      'PactSigned:$.commitments[*].memberRef',
      'SupportActivated:$.beneficiaries[*]',
      'TirocinioPlacementRequested:$.members[*]',
    ]);
  });

  test('every document reference is personal, in every event that carries one', () => {
    const documentRefs = catalogue.filter((d) => 'documentRef' in (d.example as object));
    expect(documentRefs.map((d) => d.type).sort()).toEqual(['AssessmentCompleted', 'ConsentRecorded', 'PreliminaryAnalysisCompleted']);
    for (const d of documentRefs) expect(classifiedPathsOf(d, 'personal')).toContain('$.documentRef');
  });
});
