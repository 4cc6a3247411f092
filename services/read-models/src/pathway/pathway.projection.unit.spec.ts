import { describe, expect, test } from '@jest/globals';
import { sampleEvent } from '@traiettorie/testing';
import { isPathwayEvent, projectPathway, type Pathway, type PathwayEvent } from './pathway.projection.js';

const caseId = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
const step = <T extends PathwayEvent['type']>(type: T, data: object) =>
  sampleEvent(type, { caseId, data: data as never, time: new Date().toISOString() }) as PathwayEvent;

const opened = step('CaseOpened', { referralDate: '2026-10-01' });
const pact = step('PactSigned', { signedOn: '2026-11-03' });
const tirocinio = step('TirocinioStarted', { startsOn: '2026-12-01' });
const firstAttendance = step('AttendanceRecorded', { periodFrom: '2026-12-01', periodTo: '2026-12-31' });
const secondAttendance = step('AttendanceRecorded', { periodFrom: '2027-01-01', periodTo: '2027-01-31' });
const employed = step('EmploymentStarted', { startsOn: '2027-06-01' });
const pathway = [opened, pact, tirocinio, firstAttendance, secondAttendance, employed];

const fold = (events: readonly PathwayEvent[]) => events.reduce<Pathway | undefined>(projectPathway, undefined)!;

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe("a case's pathway across agencies", () => {
  test('given referral, pact, tirocinio, two attendances and an employment › it stands at employed, each step counted with its own dates', () => {
    expect(fold(pathway)).toEqual({
      caseId,
      ambito: 'LOM-SESTO-SAN-GIOVANNI',
      personRef: 'P-SSG-7f3a91',
      stage: 'employed',
      agencies: ['employment-centre', 'social-services', 'third-sector'],
      milestones: {
        CaseOpened: { count: 1, first: '2026-10-01', last: '2026-10-01' },
        PactSigned: { count: 1, first: '2026-11-03', last: '2026-11-03' },
        TirocinioStarted: { count: 1, first: '2026-12-01', last: '2026-12-01' },
        AttendanceRecorded: { count: 2, first: '2026-12-01', last: '2027-01-01' },
        EmploymentStarted: { count: 1, first: '2027-06-01', last: '2027-06-01' },
      },
    });
  });

  test('given the same steps in any order (topics interleave) › the pathway is the same', () => {
    const expected = fold(pathway);
    for (const order of permutations(pathway)) expect(fold(order)).toEqual(expected);
  });

  test('given the same steps sent at other instants (posted later by an agency system) › the pathway is the same: it reads business dates', () => {
    const later = pathway.map((e) => ({ ...e, time: '2030-01-01T00:00:00.000Z' }));
    expect(fold(later)).toEqual(fold(pathway));
  });

  test('given a closure before a later step arrives › the stage stays closed', () => {
    expect(fold([opened, step('CaseClosed', { closedOn: '2027-09-30' }), pact]).stage).toBe('closed');
  });

  test("a health service's event › is not a pathway step: that the CPS or SerD is involved is special-category data", () => {
    expect(isPathwayEvent(sampleEvent('SpecialistServiceInvolved', { caseId }))).toBe(false);
    expect(isPathwayEvent(sampleEvent('ConsentRecorded', { caseId }))).toBe(false);
    expect(isPathwayEvent(pact)).toBe(true);
  });
});
