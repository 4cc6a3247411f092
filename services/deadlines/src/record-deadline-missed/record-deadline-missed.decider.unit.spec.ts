import { describe, expect, test } from '@jest/globals';
import { deadlineMissedV1, IllegalStateError, NotFoundError, type EventData } from '@traiettorie/contracts';
import { deciderSpecification, sampleEvent, testEnvelope } from '@traiettorie/testing';
import { recordDeadlineMissedDecider, type RecordDeadlineMissed } from './record-deadline-missed.decider.js';

const spec = deciderSpecification(recordDeadlineMissedDecider);

const caseId = testEnvelope.subject;
const missedData: EventData<'DeadlineMissed'> = deadlineMissedV1.example;
const record = (data: EventData<'DeadlineMissed'> = missedData): RecordDeadlineMissed => ({ type: 'RecordDeadlineMissed', caseId, data });
const opened = () => ({ type: 'CaseOpened' as const, data: sampleEvent('CaseOpened').data });

describe('recording a missed deadline on the case', () => {
  test('when the case was never opened › it is refused as not found', () => {
    spec.given([]).when(record()).thenThrows(NotFoundError, /does not exist/);
  });

  test('when the case is open › it records DeadlineMissed as the watch found it', () => {
    spec.given([opened()]).when(record()).then([{ type: 'DeadlineMissed', data: missedData }]);
  });

  test('when the same deadline was already recorded missed › a second one is refused', () => {
    spec.given([opened(), { type: 'DeadlineMissed', data: missedData }]).when(record()).thenThrows(IllegalStateError, /already recorded missed/);
  });

  test('when another deadline of the case was recorded missed › this one is still recorded', () => {
    const other = { ...missedData, deadlineId: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a' };
    spec.given([opened(), { type: 'DeadlineMissed', data: other }]).when(record()).then([{ type: 'DeadlineMissed', data: missedData }]);
  });

  test('when the case was closed › it is refused: a closure closes every deadline of the case', () => {
    spec
      .given([opened(), { type: 'CaseClosed', data: { closedOn: '2026-12-15', reason: 'moved', movedToAmbito: 'LOM-ADDA-MARTESANA' } }])
      .when(record())
      .thenThrows(IllegalStateError, /was closed on 2026-12-15/);
  });

  test('it carries the identity the case was opened with', () => {
    const { state } = spec.given([opened()]).when(record());

    expect(recordDeadlineMissedDecider.streamIdentity(state(), record())).toEqual({
      subject: caseId,
      ambito: testEnvelope.ambito,
      personref: testEnvelope.personref,
      legalbasis: testEnvelope.legalbasis,
    });
  });
});
