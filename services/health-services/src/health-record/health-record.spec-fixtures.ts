import { activityFitnessAssessedV1, carePathStatusChangedV1, consentRecordedV1, type EventData, type HubEvent } from '@traiettorie/contracts';
import { sampleEvent } from '@traiettorie/testing';
import type { HealthEventType, PersonIdentity } from './health-record.state.js';

/** One case's health record for the slices' tests: its identity deliberately unlike sampleEvent's defaults. */
export const caseId = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
export const identity: PersonIdentity = { ambito: 'LOM-MILANO', personRef: 'P-MI-000123', legalBasis: 'L-328-2000-art-22' };
export const envelopeIdentity = { subject: caseId, ambito: identity.ambito, personref: identity.personRef, legalbasis: identity.legalBasis };

export const consentId = consentRecordedV1.example.consentId;
/** Given 2026-10-19, until 2028-04-30: service category and care path status, to the social services and the CPI. */
export const consentData: EventData<'ConsentRecorded'> = consentRecordedV1.example;

export const involvementData: Extract<EventData<'SpecialistServiceInvolved'>, { anonymous: false }> = {
  anonymous: false,
  involvedOn: '2026-10-20',
  involvement: 'joins-eemm',
  serviceCategory: 'mental-health',
  consentId,
};
export const fitnessData: EventData<'ActivityFitnessAssessed'> = activityFitnessAssessedV1.example;
export const carePathData: EventData<'CarePathStatusChanged'> = carePathStatusChangedV1.example;

/** A past event of this case's health record, with the case's identity on its envelope. */
export function past<T extends HealthEventType>(type: T, data: EventData<T>): HubEvent<T> {
  return { ...sampleEvent(type, { caseId, data: data as never }), ...envelopeIdentity, data } as HubEvent<T>;
}

export const consentRecorded = () => past('ConsentRecorded', consentData);
export const involved = () => past('SpecialistServiceInvolved', involvementData);
