import { describe, expect, test } from '@jest/globals';
import { deadlineMissedV1, IllegalStateError, NotFoundError, type EventData } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { caseId, closed, identity, opened, referralReceived } from '../case/case.spec-fixtures.js';
import { recordDeadlineMissedDecider, type RecordDeadlineMissed } from './record-deadline-missed.decider.js';

const spec = deciderSpecification(recordDeadlineMissedDecider);

const data = deadlineMissedV1.example;
const missed = (override: Partial<EventData<'DeadlineMissed'>> = {}): RecordDeadlineMissed => ({ type: 'RecordDeadlineMissed', caseId, data: { ...data, ...override } });

describe('recording a missed deadline (the deadlines worker’s command)', () => {
  test('when the case was never opened › it is refused as not found', () => {
    spec.given([]).when(missed()).thenThrows(NotFoundError, /does not exist/);
  });

  test('when the deadline passed on an open case › it records DeadlineMissed', () => {
    spec.given([opened(), referralReceived()]).when(missed()).then([{ type: 'DeadlineMissed', data }]);
  });

  test('the missed deadline carries the identity the case was opened with', () => {
    const { state } = spec.given([opened()]).when(missed());

    expect(recordDeadlineMissedDecider.streamIdentity(state(), missed())).toEqual({ subject: caseId, ...identity });
  });

  test('when the same deadline was already recorded as missed › a second one is refused, naming the deadline', () => {
    spec
      .given([opened(), { type: 'DeadlineMissed', data }])
      .when(missed())
      .thenThrows(IllegalStateError, new RegExp(`deadline ${data.deadlineId} of case .* is already recorded as missed`));
  });

  test('when another deadline of the case was missed › this one is recorded all the same', () => {
    const other = { ...data, deadlineId: '3b3b3b3b-3b3b-4b3b-8b3b-3b3b3b3b3b3b' };
    spec.given([opened(), { type: 'DeadlineMissed', data }]).when(missed(other)).then([{ type: 'DeadlineMissed', data: other }]);
  });

  test('when the case is closed › it is refused: the closure closed every deadline', () => {
    spec.given([opened(), closed('2027-01-10')]).when(missed()).thenThrows(IllegalStateError, /was closed on 2027-01-10/);
  });
});
