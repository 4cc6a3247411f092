import { describe, expect, test } from '@jest/globals';
import { IllegalStateError, NotFoundError, periodicCheckCompletedV1, type EventData } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { caseId, checked, closed, identity, opened, takenInCharge } from '../case/case.spec-fixtures.js';
import { completePeriodicCheckDecider, type CompletePeriodicCheck } from './complete-periodic-check.decider.js';

const spec = deciderSpecification(completePeriodicCheckDecider);

const data = periodicCheckCompletedV1.example;
const check = (override: Partial<EventData<'PeriodicCheckCompleted'>> = {}): CompletePeriodicCheck => ({ type: 'CompletePeriodicCheck', caseId, data: { ...data, ...override } });

describe('completing a periodic check', () => {
  test('when the case does not exist › it is refused as not found', () => {
    spec.given([]).when(check()).thenThrows(NotFoundError, /does not exist/);
  });

  test('when the case is taken in charge › it records PeriodicCheckCompleted', () => {
    spec.given([opened(), takenInCharge()]).when(check()).then([{ type: 'PeriodicCheckCompleted', data }]);
  });

  test('the check carries the identity the case was opened with', () => {
    const { state } = spec.given([opened()]).when(check());

    expect(completePeriodicCheckDecider.streamIdentity(state(), check())).toEqual({ subject: caseId, ...identity });
  });

  test('when the next check follows the last › it is recorded', () => {
    const next = { ...data, checkedOn: '2027-04-10', nextCheckDueBy: '2027-07-09' };
    spec.given([opened(), takenInCharge(), checked()]).when(check(next)).then([{ type: 'PeriodicCheckCompleted', data: next }]);
  });

  test('when the check is dated on or before the last one › it is refused, naming the last', () => {
    spec
      .given([opened(), takenInCharge(), checked({ checkedOn: '2027-01-12' })])
      .when(check({ checkedOn: '2027-01-12' }))
      .thenThrows(IllegalStateError, /checkedOn 2027-01-12\) must come after the last one, of 2027-01-12/);
  });

  test('when the check is dated before the presa in carico › it is refused', () => {
    spec
      .given([opened(), takenInCharge({ takenInChargeOn: '2026-10-02' })])
      .when(check({ checkedOn: '2026-10-01', nextCheckDueBy: '2026-12-30' }))
      .thenThrows(IllegalStateError, /cannot be before the presa in carico of 2026-10-02/);
  });

  test('when the case is closed › it is refused', () => {
    spec.given([opened(), closed('2027-01-10')]).when(check()).thenThrows(IllegalStateError, /was closed on 2027-01-10/);
  });
});
