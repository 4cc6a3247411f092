import {
  beneficiaryReferralReceivedV1,
  caseTakenInChargeV1,
  conditionalityBreachReportedV2,
  eemmConvenedV1,
  firstAppointmentHeldV1,
  pactRevisedV2,
  pactSignedV3,
  periodicCheckCompletedV1,
  preliminaryAnalysisCompletedV2,
  pucAssignedV2,
  pucAttendanceRecordedV2,
  sourceOf,
  supportActivatedV2,
  type EventData,
  type HubEvent,
} from '@traiettorie/contracts';
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
  commitments: [
    { memberRef: 'P-MI-000123', objectiveCode: 'EMP-1', description: 'Attend the tirocinio' },
    { memberRef: 'P-MI-000124', objectiveCode: 'EMP-1', description: 'Look after the children on tirocinio days' },
  ],
};

/** Past events of this case, with the case's identity on every envelope. */
export const opened = (): HubEvent<'CaseOpened'> => ({ ...sampleEvent('CaseOpened', { caseId }), ...identity });
export const assessed = (): HubEvent<'AssessmentCompleted'> => ({ ...sampleEvent('AssessmentCompleted', { caseId }), ...identity });
export const pactSigned = (pactId = '9c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6'): HubEvent<'PactSigned'> => ({
  ...sampleEvent('PactSigned', { caseId, data: { pactId } }),
  ...identity,
});

/** The pathway's steps as past domain events (in the test envelope), with the contracts' examples as data: they fit one another. */
export const referralReceived = (data: Partial<EventData<'BeneficiaryReferralReceived'>> = {}) => ({
  type: 'BeneficiaryReferralReceived' as const,
  data: { ...beneficiaryReferralReceivedV1.example, ...data },
});
export const firstAppointmentHeld = (data: Partial<EventData<'FirstAppointmentHeld'>> = {}) => ({
  type: 'FirstAppointmentHeld' as const,
  data: { ...firstAppointmentHeldV1.example, ...data },
});
export const takenInCharge = (data: Partial<EventData<'CaseTakenInCharge'>> = {}) => ({
  type: 'CaseTakenInCharge' as const,
  data: { ...caseTakenInChargeV1.example, ...data },
});
export const preliminaryAnalysis = (outcome: EventData<'PreliminaryAnalysisCompleted'>['outcome'] = 'quadro-required') => ({
  type: 'PreliminaryAnalysisCompleted' as const,
  data: { ...preliminaryAnalysisCompletedV2.example, outcome },
});
export const eemmConvened = (data: Partial<EventData<'EEMMConvened'>> = {}) => ({ type: 'EEMMConvened' as const, data: { ...eemmConvenedV1.example, ...data } });
/** A commitment of each member, towards the example's first objective: a pact whose bound members are changed stays valid. */
const commitmentsOf = (members: readonly string[]) => members.map((memberRef) => ({ memberRef, objectiveCode: 'EMP-1', description: 'Take part in the pathway' }));
export const signed = (data: Partial<EventData<'PactSigned'>> = {}) => ({
  type: 'PactSigned' as const,
  data: { ...pactSignedV3.example, ...(data.boundMembers ? { commitments: commitmentsOf(data.boundMembers) } : {}), ...data },
});
export const revised = (data: Partial<EventData<'PactRevised'>> = {}) => ({
  type: 'PactRevised' as const,
  data: { ...pactRevisedV2.example, ...(data.boundMembers ? { commitments: commitmentsOf(data.boundMembers) } : {}), ...data },
});
export const supportActivated = (data: Partial<EventData<'SupportActivated'>> = {}) => ({
  type: 'SupportActivated' as const,
  data: { ...supportActivatedV2.example, ...data },
});
export const pucAssigned = (data: Partial<EventData<'PUCAssigned'>> = {}) => ({ type: 'PUCAssigned' as const, data: { ...pucAssignedV2.example, ...data } });
export const pucAttendance = (data: Partial<EventData<'PUCAttendanceRecorded'>> = {}) => ({
  type: 'PUCAttendanceRecorded' as const,
  data: { ...pucAttendanceRecordedV2.example, ...data },
});
export const checked = (data: Partial<EventData<'PeriodicCheckCompleted'>> = {}) => ({
  type: 'PeriodicCheckCompleted' as const,
  data: { ...periodicCheckCompletedV1.example, ...data },
});
export const breachReported = (data: Partial<EventData<'ConditionalityBreachReported'>> = {}) => ({
  type: 'ConditionalityBreachReported' as const,
  data: { ...conditionalityBreachReportedV2.example, ...data },
});
export const closed = (closedOn = '2027-09-30') => ({ type: 'CaseClosed' as const, data: { closedOn, reason: 'employed' as const } });

/** A case from the referral to its signed pact (the contracts' examples), in the pathway's order. */
export const upToThePact = () => [opened(), referralReceived(), firstAppointmentHeld(), takenInCharge(), preliminaryAnalysis(), eemmConvened(), assessed(), signed()];
