import { describe, expect, test } from '@jest/globals';
import type { Company } from '../company-registry/company.request.js';
import { readyPeople } from './tirocinio-matching.controller.js';
import { matchTirocini, type ReadyPerson } from './tirocinio-matching.js';
import { asStoredEvent, sampleEvent } from '@traiettorie/testing';
import type { HubEvent } from '@traiettorie/contracts';
import type { EmploymentEventType } from '../employment/employment.state.js';

const ambito = 'LOM-SESTO-SAN-GIOVANNI';
const options = { on: '2026-12-01', promoterId: 'afol-metropolitana' };

const person = (overrides: Partial<ReadyPerson> = {}): ReadyPerson => ({
  caseId: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
  personRef: 'P-SSG-000001',
  ambito,
  requestedByPact: true,
  plannedInPsp: false,
  cpiComune: 'Sesto San Giovanni',
  qualificationTitles: [],
  ...overrides,
});

const company = (id: number, overrides: Partial<Company> = {}, placement: Partial<Company['placements'][number]> = {}): Company => ({
  companyId: `c0a1e001-0000-4000-8000-00000000000${id}`,
  name: `Azienda ${id}`,
  legalForm: 'srl',
  atecoCode: '52.10.00',
  sector: 'logistica',
  sectorLabel: 'Logistica e magazzino',
  comune: 'Sesto San Giovanni',
  ambito,
  roles: ['tirocinio-host'],
  conventions: [{ conventionRef: `CONV-${id}`, promoterId: 'afol-metropolitana', validFrom: '2026-01-01', validUntil: '2027-12-31' }],
  placements: [
    {
      placementId: `b1ace001-0000-4000-8000-00000000000${id}`,
      kind: 'tirocinio',
      tirocinioType: 'inclusione-sociale',
      title: 'Addetto/a al magazzino',
      sector: 'logistica',
      hoursPerWeek: 25,
      seats: 1,
      requirements: [],
      status: 'open',
      openedOn: '2026-11-02',
      ...placement,
    },
  ],
  ...overrides,
});

describe('matching people ready for a tirocinio with open placements', () => {
  test('when a placement is in the CPI’s Comune, fits the profile, is of inclusion, under a convention and asks nothing › every reason is given, in Italian', () => {
    const [match] = matchTirocini([person({ qualificationTitles: ['Addetto alla logistica di magazzino'] })], [company(1)], options);

    expect(match).toMatchObject({ rank: 1, placementId: 'b1ace001-0000-4000-8000-000000000001', personRef: 'P-SSG-000001', usesQualification: true, score: 11 });
    expect(match!.reasons).toEqual([
      'stesso Comune del CPI di riferimento',
      'settore coerente con il profilo (formazione completata)',
      "tirocinio di inclusione, come richiesto dal Patto per l'inclusione",
      'convenzione in corso con il promotore (CONV-1)',
      'nessun requisito specifico',
    ]);
  });

  test('the nearer, fitting, ready-to-start placement ranks first; the others follow with what is missing said', () => {
    const near = company(1);
    const farWithRequirements = company(2, { comune: 'Cologno Monzese', conventions: [] }, { requirements: ['haccp'], sector: 'ristorazione', title: 'Aiuto cuoco/a' });

    const matches = matchTirocini([person()], [farWithRequirements, near], options);

    expect(matches.map((m) => [m.rank, m.companyName])).toEqual([
      [1, 'Azienda 1'],
      [2, 'Azienda 2'],
    ]);
    expect(matches[1]!.reasons).toEqual([
      'stesso Ambito territoriale',
      "tirocinio di inclusione, come richiesto dal Patto per l'inclusione",
      'convenzione con il promotore da stipulare o rinnovare',
      'requisiti da verificare: haccp',
    ]);
  });

  test('an expired convention does not count, nor another promoter’s', () => {
    const expired = company(1, { conventions: [{ conventionRef: 'CONV-OLD', promoterId: 'afol-metropolitana', validFrom: '2024-01-01', validUntil: '2025-12-31' }] });
    const other = company(2, { conventions: [{ conventionRef: 'CONV-X', promoterId: 'consorzio-sir', validFrom: '2026-01-01', validUntil: '2027-12-31' }] });

    const matches = matchTirocini([person()], [expired, other], options);

    expect(matches.every((m) => m.reasons.includes('convenzione con il promotore da stipulare o rinnovare'))).toBe(true);
  });

  test('placements of another Ambito, closed ones and jobs are out of reach', () => {
    const elsewhere = company(1, { ambito: 'LOM-ADDA-MARTESANA', comune: 'Melzo' });
    const closed = company(2, {}, { status: 'closed' });
    const job = company(3, { roles: ['employer'] }, { kind: 'job' });

    expect(matchTirocini([person()], [elsewhere, closed, job], options)).toEqual([]);
  });

  test('a match names the person by reference only: nothing of the qualification, profile or pact is in it', () => {
    const [match] = matchTirocini([person({ qualificationTitles: ['Addetto alla logistica di magazzino'] })], [company(1)], options);

    expect(JSON.stringify(match)).not.toMatch(/Addetto alla logistica di magazzino/);
    expect(Object.keys(match!).sort()).toEqual(
      ['rank', 'caseId', 'personRef', 'placementId', 'companyId', 'companyName', 'comune', 'sector', 'sectorLabel', 'title', 'tirocinioType', 'hoursPerWeek', 'score', 'reasons', 'usesQualification'].sort(),
    );
  });
});

describe('who is ready for a tirocinio, from the CPI’s streams', () => {
  const caseA = 'aaaaaaaa-0000-4000-8000-000000000001';
  const caseB = 'aaaaaaaa-0000-4000-8000-000000000002';
  /** A case's history at the CPI, of the contracts' examples, as stored. */
  const history = (caseId: string, ...types: EmploymentEventType[]) => types.map((type) => asStoredEvent(sampleEvent(type, { caseId }) as HubEvent<EmploymentEventType>));

  test('a pact’s request or a PSP with a tirocinio makes a person ready; a running tirocinio or an employment does not', () => {
    const requested = history(caseA, 'EmploymentReferralReceived', 'TirocinioPlacementRequested');
    const running = history(caseB, 'EmploymentReferralReceived', 'DIDRegistered', 'ServicePactSigned', 'TirocinioStarted');

    expect(readyPeople([...requested, ...running], ambito).map((p) => [p.caseId, p.requestedByPact, p.plannedInPsp])).toEqual([[caseA, true, false]]);
  });

  test('a PSP planning a tirocinio alone makes the person ready; an employment since takes them out', () => {
    const planned = history(caseA, 'EmploymentReferralReceived', 'DIDRegistered', 'ServicePactSigned');
    const employed = history(caseB, 'EmploymentReferralReceived', 'DIDRegistered', 'ServicePactSigned', 'EmploymentStarted');

    expect(readyPeople([...planned, ...employed], ambito).map((p) => [p.caseId, p.requestedByPact, p.plannedInPsp, p.cpiComune])).toEqual([
      // The DID's CPI (afol-cpi-sesto-san-giovanni) is the Comune the matching measures nearness from.
      [caseA, false, true, 'Sesto San Giovanni'],
    ]);
  });

  test('a tirocinio that started answers the request: once it ended the person is not ready again, unless another pact asks', () => {
    const ended = history(caseA, 'EmploymentReferralReceived', 'DIDRegistered', 'ServicePactSigned', 'TirocinioPlacementRequested', 'TirocinioStarted', 'TirocinioEnded');
    const again = [
      ...history(caseB, 'EmploymentReferralReceived', 'DIDRegistered', 'ServicePactSigned', 'TirocinioPlacementRequested', 'TirocinioStarted', 'TirocinioEnded'),
      asStoredEvent(sampleEvent('TirocinioPlacementRequested', { caseId: caseB, data: { pactEventId: 'bbbbbbbb-0000-4000-8000-000000000009' } }) as HubEvent<EmploymentEventType>),
    ];

    expect(readyPeople([...ended, ...again], ambito).map((p) => p.caseId)).toEqual([caseB]);
  });

  test('people of another Ambito are not read', () => {
    expect(readyPeople(history(caseA, 'EmploymentReferralReceived', 'TirocinioPlacementRequested'), 'LOM-ADDA-MARTESANA')).toEqual([]);
  });
});
