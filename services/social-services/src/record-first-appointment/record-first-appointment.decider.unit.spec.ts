import { describe, expect, test } from '@jest/globals';
import { IllegalStateError, NotFoundError, type EventData } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { caseId, closed, firstAppointmentHeld, identity, opened, referralReceived } from '../case/case.spec-fixtures.js';
import { recordFirstAppointmentDecider, type RecordFirstAppointment } from './record-first-appointment.decider.js';

const spec = deciderSpecification(recordFirstAppointmentDecider);

const present: EventData<'FirstAppointmentHeld'> = { appointmentOn: '2026-10-02', attendance: 'present' };
const record = (data: EventData<'FirstAppointmentHeld'> = present): RecordFirstAppointment => ({ type: 'RecordFirstAppointment', caseId, data });

describe('recording the first appointment', () => {
  test('when the case does not exist › the appointment is refused as not found', () => {
    spec.given([]).when(record()).thenThrows(NotFoundError, /does not exist/);
  });

  test('when no referral was received › a first appointment is refused: it has no referral to follow', () => {
    spec.given([opened()]).when(record()).thenThrows(IllegalStateError, /cannot be recorded before the referral is received/);
  });

  test('when the referral was received › the attended appointment is recorded', () => {
    spec.given([opened(), referralReceived()]).when(record()).then([{ type: 'FirstAppointmentHeld', data: present }]);
  });

  test('the appointment carries the identity the case was opened with', () => {
    const { state } = spec.given([opened(), referralReceived()]).when(record());

    expect(recordFirstAppointmentDecider.streamIdentity(state(), record())).toEqual({ subject: caseId, ...identity });
  });

  test('when the appointment is dated before the referral was received › it is refused, naming both dates', () => {
    spec
      .given([opened(), referralReceived({ receivedOn: '2026-09-16' })])
      .when(record({ appointmentOn: '2026-09-15', attendance: 'present' }))
      .thenThrows(IllegalStateError, /appointmentOn 2026-09-15\) cannot be before the referral was received \(2026-09-16\)/);
  });

  test('when the household was justifiably absent › the rescheduled appointment is recorded', () => {
    const rescheduled: EventData<'FirstAppointmentHeld'> = { appointmentOn: '2026-10-09', attendance: 'present' };
    spec
      .given([opened(), referralReceived(), firstAppointmentHeld({ appointmentOn: '2026-10-02', attendance: 'justified-absence', rescheduledTo: '2026-10-09' })])
      .when(record(rescheduled))
      .then([{ type: 'FirstAppointmentHeld', data: rescheduled }]);
  });

  test('when the next appointment is not after the missed one › it is refused', () => {
    spec
      .given([opened(), referralReceived(), firstAppointmentHeld({ appointmentOn: '2026-10-02', attendance: 'unjustified-absence' })])
      .when(record({ appointmentOn: '2026-10-02', attendance: 'present' }))
      .thenThrows(IllegalStateError, /must come after the missed one of 2026-10-02/);
  });

  test('when the first appointment was already attended › another is refused, naming its date', () => {
    spec
      .given([opened(), referralReceived(), firstAppointmentHeld({ appointmentOn: '2026-10-02', attendance: 'present' })])
      .when(record({ appointmentOn: '2026-10-20', attendance: 'present' }))
      .thenThrows(IllegalStateError, /was already held on 2026-10-02/);
  });

  test('when the case is closed › the appointment is refused', () => {
    spec.given([opened(), referralReceived(), closed('2026-11-01')]).when(record()).thenThrows(IllegalStateError, /was closed on 2026-11-01/);
  });
});
