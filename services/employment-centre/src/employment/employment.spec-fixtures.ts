import { employmentStartedV1, jobOfferRespondedV1, tirocinioStartedV1, type EventData, type HubEvent } from '@traiettorie/contracts';
import { sampleEvent } from '@traiettorie/testing';

/** One referred person's data for the slices' tests (the contracts' examples where they fit): the identity deliberately unlike sampleEvent's defaults. */
export const caseId = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
export const identity = { ambito: 'LOM-MILANO', personref: 'P-MI-000123', legalbasis: 'DL-48-2023-art-4' };
export const referralEventId = 'a1a1a1a1-0000-4000-8000-000000000001';

export const referralData: EventData<'EmploymentReferralReceived'> = {
  assessmentEventId: '0b0f3c1a-9b0e-4a55-8d64-3c2b9b0b7e21',
  receivedOn: '2026-10-21',
  servicePactDueBy: '2026-12-20',
};
export const didData: EventData<'DIDRegistered'> = { registeredOn: '2026-10-23', channel: 'siisl', cpiId: 'afol-cpi-sesto-san-giovanni' };
export const profilingData: EventData<'ProfilingCompleted'> = {
  profiledOn: '2026-11-05',
  labourStatus: 'long-term-unemployed',
  monthsUnemployed: 30,
  iscedLevel: 2,
  profileClass: 'high',
};
export const servicePactId = '7b1d3f5a-9c2e-4e6a-8b0d-1f3a5c7e9b2d';
export const servicePactData: EventData<'ServicePactSigned'> = {
  servicePactId,
  signedOn: '2026-11-05',
  actions: ['orientation', 'training', 'tirocinio'],
  caseManager: 'afol-op-112',
  nextCheckOn: '2027-02-03',
};
export const courseId = 'LOM-GOL-2026-ID-48213';
export const enrolmentData: EventData<'TrainingEnrolled'> = {
  courseId,
  providerId: 'afol-metropolitana',
  enrolledOn: '2026-11-12',
  startsOn: '2026-11-23',
  endsOn: '2027-02-26',
  plannedHours: 200,
};
export const trainingOutcome: EventData<'TrainingCompleted'> = { courseId, endedOn: '2027-02-26', outcome: 'completed', hoursAttended: 188 };
export const tirocinioId = '4f6a8c0e-2b4d-4f6a-9c1e-3d5f7a9b1c2e';
export const tirocinioData: EventData<'TirocinioStarted'> = tirocinioStartedV1.example;
export const tirocinioEnd: EventData<'TirocinioEnded'> = { tirocinioId, endedOn: '2027-08-31', outcome: 'hired', hoursAttended: 610 };
export const offerData: EventData<'JobOfferResponded'> = jobOfferRespondedV1.example;
export const employmentData: EventData<'EmploymentStarted'> = employmentStartedV1.example;

/** The referral that opens the person's stream, with the case's identity on its envelope. */
export const referred = (): HubEvent<'EmploymentReferralReceived'> => ({
  ...sampleEvent('EmploymentReferralReceived', { caseId, id: referralEventId, data: referralData }),
  ...identity,
});
export const didRegistered = { type: 'DIDRegistered', data: didData } as const;
export const profiled = { type: 'ProfilingCompleted', data: profilingData } as const;
export const servicePactSigned = { type: 'ServicePactSigned', data: servicePactData } as const;
export const enrolled = { type: 'TrainingEnrolled', data: enrolmentData } as const;
export const trainingEnded = { type: 'TrainingCompleted', data: trainingOutcome } as const;
export const tirocinioStarted = { type: 'TirocinioStarted', data: tirocinioData } as const;
export const tirocinioEnded = { type: 'TirocinioEnded', data: tirocinioEnd } as const;
export const offerAnswered = { type: 'JobOfferResponded', data: offerData } as const;
export const employed = { type: 'EmploymentStarted', data: employmentData } as const;
