import { describe, expect, test } from '@jest/globals';
import { caseTakenInChargeV1, IllegalStateError, NotFoundError, type EventData } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { assessed, caseId, closed, firstAppointmentHeld, identity, opened, preliminaryAnalysis, referralReceived, takenInCharge } from '../case/case.spec-fixtures.js';
import { takeInChargeDecider, type TakeInCharge } from './take-in-charge.decider.js';

const spec = deciderSpecification(takeInChargeDecider);

const data = caseTakenInChargeV1.example;
const takeInCharge = (override: Partial<EventData<'CaseTakenInCharge'>> = {}): TakeInCharge => ({ type: 'TakeInCharge', caseId, data: { ...data, ...override } });

describe('taking the household in charge (presa in carico)', () => {
  test('when the case does not exist › it is refused as not found', () => {
    spec.given([]).when(takeInCharge()).thenThrows(NotFoundError, /does not exist/);
  });

  test('when the case was opened without a referral › it records CaseTakenInCharge', () => {
    spec.given([opened()]).when(takeInCharge()).then([{ type: 'CaseTakenInCharge', data }]);
  });

  test('when the referred household attended its first appointment › it records CaseTakenInCharge', () => {
    spec.given([opened(), referralReceived(), firstAppointmentHeld()]).when(takeInCharge()).then([{ type: 'CaseTakenInCharge', data }]);
  });

  test('the presa in carico carries the identity the case was opened with', () => {
    const { state } = spec.given([opened()]).when(takeInCharge());

    expect(takeInChargeDecider.streamIdentity(state(), takeInCharge())).toEqual({ subject: caseId, ...identity });
  });

  test('when the case is already taken in charge › taking it in charge twice is refused, naming when', () => {
    spec
      .given([opened(), takenInCharge({ takenInChargeOn: '2026-10-02' })])
      .when(takeInCharge())
      .thenThrows(IllegalStateError, /already taken in charge on 2026-10-02/);
  });

  test('when the referred household has not yet attended its first appointment › it is refused', () => {
    spec.given([opened(), referralReceived()]).when(takeInCharge()).thenThrows(IllegalStateError, /before the household attends its first appointment/);
  });

  test('when the household missed its first appointment › it is refused', () => {
    spec
      .given([opened(), referralReceived(), firstAppointmentHeld({ attendance: 'unjustified-absence' })])
      .when(takeInCharge())
      .thenThrows(IllegalStateError, /before the household attends its first appointment/);
  });

  test('when it is dated before the first appointment › it is refused, naming the appointment’s date', () => {
    spec
      .given([opened(), referralReceived(), firstAppointmentHeld({ appointmentOn: '2026-10-02' })])
      .when(takeInCharge({ takenInChargeOn: '2026-10-01' }))
      .thenThrows(IllegalStateError, /takenInChargeOn 2026-10-01\) before its first appointment of 2026-10-02/);
  });

  test('when the case is already assessed › the presa in carico is out of order and refused', () => {
    spec.given([opened(), assessed()]).when(takeInCharge()).thenThrows(IllegalStateError, /after its preliminary analysis or assessment/);
  });

  test('when the case is closed › it is refused', () => {
    spec.given([opened(), closed('2026-11-01')]).when(takeInCharge()).thenThrows(IllegalStateError, /was closed on 2026-11-01/);
  });

  test('a preliminary analysis never precedes the presa in carico, so a history with one is refused too', () => {
    // Reached only by a history written outside these deciders; the rule holds all the same.
    spec.given([opened(), preliminaryAnalysis()]).when(takeInCharge()).thenThrows(IllegalStateError, /after its preliminary analysis/);
  });
});
