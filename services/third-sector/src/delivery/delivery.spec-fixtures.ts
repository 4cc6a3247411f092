import { attendanceRecordedV1, participantExitRecordedV1, serviceDeliveryStartedV1, sourceOf, type EventData, type HubEvent } from '@traiettorie/contracts';
import { sampleEvent } from '@traiettorie/testing';
import type { CaseIdentity, DeliveryEventType } from './delivery.state.js';

/** One case's delivery record for the slices' tests: its identity deliberately unlike sampleEvent's defaults. */
export const caseId = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
export const identity: CaseIdentity = { ambito: 'LOM-MILANO', personRef: 'P-MI-000123', legalBasis: 'L-328-2000-art-22' };
export const envelopeIdentity = { subject: caseId, ambito: identity.ambito, personref: identity.personRef, legalbasis: identity.legalBasis };

export const supportEventId = '0b0f3c1a-9b0e-4a55-8d64-3c2b9b0b7e21';

/** The social services' SupportActivated of the case: educativa domiciliare with the cooperative, under its coprogettazione. */
export function supportActivated(data: Partial<EventData<'SupportActivated'>> = {}): HubEvent<'SupportActivated'> {
  return { ...sampleEvent('SupportActivated', { id: supportEventId, caseId, time: '2026-11-10T10:00:00.000Z', data }), ...envelopeIdentity };
}

/** What the partner expects from that support (the support's example: provider, agreement, kind, start). */
export const expectationData: EventData<'ServiceDeliveryExpected'> = {
  supportEventId,
  supportId: '2c4e6a8b-0d1f-4a3b-8c5d-7e9f1a2b3c4d',
  providerId: 'coop-lotta-contro-emarginazione',
  agreementRef: 'COPROG-SSG-2025-03',
  supportKind: 'educativa-domiciliare',
  expectedFrom: '2026-11-16',
};

/** A delivery answering that support, from 2026-11-16. */
export const startedData: EventData<'ServiceDeliveryStarted'> = serviceDeliveryStartedV1.example;
export const deliveryId = startedData.deliveryId;
/** The partner that provides it, as a command names who records (its CloudEvents source). */
export const provider = sourceOf('third-sector', startedData.providerId);
/** Another cooperative of the Ambito, recording as itself. */
export const anotherPartner = sourceOf('third-sector', 'coop-altra');
/** December's attendance of the delivery. */
export const attendanceData: EventData<'AttendanceRecorded'> = attendanceRecordedV1.example;
export const exitData: EventData<'ParticipantExitRecorded'> = participantExitRecordedV1.example;

/** A past event of this case's delivery record, with the case's identity on its envelope. */
export function past<T extends DeliveryEventType>(type: T, data: EventData<T>): HubEvent<T> {
  return { ...sampleEvent(type, { caseId, data: data as never }), ...envelopeIdentity, data } as HubEvent<T>;
}

export const expected = () => past('ServiceDeliveryExpected', expectationData);
export const started = (data: Partial<EventData<'ServiceDeliveryStarted'>> = {}) => past('ServiceDeliveryStarted', { ...startedData, ...data });
export const attended = (data: Partial<EventData<'AttendanceRecorded'>> = {}) => past('AttendanceRecorded', { ...attendanceData, ...data });
export const exited = () => past('ParticipantExitRecorded', exitData);
