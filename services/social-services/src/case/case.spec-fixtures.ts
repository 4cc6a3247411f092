import { sourceOf, type EventData, type HubEvent } from '@traiettorie/contracts';
import { sampleEvent } from '@traiettorie/testing';

/** One case's data for the slices' tests: its identity deliberately unlike sampleEvent's defaults. */
export const caseId = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
export const source = sourceOf('social-services', 'ambito-sesto');
export const identity = { ambito: 'LOM-MILANO', personref: 'P-MI-000123', legalbasis: 'L-328-2000-art-22' };

export const openingData: EventData<'CaseOpened'> = {
  householdRef: 'H-MI-2026-0007',
  measure: 'SFL',
  referralDate: '2026-10-02',
  caseManager: 'op-milano-004',
};

export const assessmentData: EventData<'AssessmentCompleted'> = {
  assessmentKind: 'preliminary',
  completedOn: '2026-10-20',
  dimensionScores: { work: 4, housing: 2 },
  referrals: ['employment-centre', 'third-sector'],
  documentRef: 'protocollo/2026/000912',
};

export const pactData: EventData<'PactSigned'> = {
  pactId: '5d7a9a7e-3c1e-4b53-9d0e-0b7f5e3d8c11',
  signedOn: '2026-11-03',
  boundMembers: ['P-MI-000123', 'P-MI-000124'],
  objectives: [{ code: 'EMP-1', description: 'Find a job in the logistics sector' }],
  supports: ['tirocinio'],
  reviewDates: ['2027-02-01', '2027-05-01'],
  commitments: [{ memberRef: 'P-MI-000123', objectiveCode: 'EMP-1', description: 'Attend the tirocinio' }],
};

/** Past events of this case, with the case's identity on every envelope. */
export const opened = (): HubEvent<'CaseOpened'> => ({ ...sampleEvent('CaseOpened', { caseId }), ...identity });
export const assessed = (): HubEvent<'AssessmentCompleted'> => ({ ...sampleEvent('AssessmentCompleted', { caseId }), ...identity });
export const pactSigned = (pactId = '9c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6'): HubEvent<'PactSigned'> => ({
  ...sampleEvent('PactSigned', { caseId, data: { pactId } }),
  ...identity,
});
