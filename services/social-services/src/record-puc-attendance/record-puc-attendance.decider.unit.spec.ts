import { describe, expect, test } from '@jest/globals';
import { IllegalStateError, NotFoundError, pucAttendanceRecordedV2, type EventData } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { assessed, caseId, closed, identity, opened, pucAssigned, pucAttendance, signed } from '../case/case.spec-fixtures.js';
import { recordPucAttendanceDecider, type RecordPucAttendance } from './record-puc-attendance.decider.js';

const spec = deciderSpecification(recordPucAttendanceDecider);

const data = pucAttendanceRecordedV2.example;
const record = (override: Partial<EventData<'PUCAttendanceRecorded'>> = {}): RecordPucAttendance => ({ type: 'RecordPucAttendance', caseId, data: { ...data, ...override } });
const assignedCase = () => [opened(), assessed(), signed(), pucAssigned({ startsOn: '2026-12-01', endsOn: '2027-05-31' })];

describe('recording attendance at a PUC', () => {
  test('when the case does not exist › it is refused as not found', () => {
    spec.given([]).when(record()).thenThrows(NotFoundError, /does not exist/);
  });

  test('when the member was assigned to the PUC › it records PUCAttendanceRecorded', () => {
    spec.given(assignedCase()).when(record()).then([{ type: 'PUCAttendanceRecorded', data }]);
  });

  test('the attendance carries the identity the case was opened with', () => {
    const { state } = spec.given(assignedCase()).when(record());

    expect(recordPucAttendanceDecider.streamIdentity(state(), record())).toEqual({ subject: caseId, ...identity });
  });

  test('when no PUC was ever assigned › attendance is refused, naming the PUC', () => {
    spec
      .given([opened(), assessed(), signed()])
      .when(record())
      .thenThrows(IllegalStateError, /attendance at PUC PUC-COLOGNO-2026-07 of case .* is refused: the member was never assigned to it/);
  });

  test('when the member was assigned to another PUC › attendance at this one is refused', () => {
    spec
      .given([opened(), assessed(), signed(), pucAssigned({ pucProjectCode: 'PUC-SESTO-2026-01' })])
      .when(record())
      .thenThrows(IllegalStateError, /never assigned to it/);
  });

  test('when another member was assigned to the PUC › attendance of this member is refused', () => {
    spec
      .given([opened(), assessed(), signed({ boundMembers: ['P-SSG-7f3a91', 'P-SSG-7f3a92'] }), pucAssigned({ memberRef: 'P-SSG-7f3a92' })])
      .when(record({ memberRef: 'P-SSG-7f3a91' }))
      .thenThrows(IllegalStateError, /never assigned to it/);
  });

  test('when the period falls outside the assignment › it is refused, naming the assignment’s dates', () => {
    spec
      .given(assignedCase())
      .when(record({ periodFrom: '2026-11-20', periodTo: '2026-12-10' }))
      .thenThrows(IllegalStateError, /from 2026-11-20 to 2026-12-10 falls outside the member's assignment \(2026-12-01 to 2027-05-31\)/);
  });

  test('when the period was already recorded › it is refused, naming the recorded period', () => {
    spec
      .given([...assignedCase(), pucAttendance({ periodFrom: '2026-12-01', periodTo: '2026-12-31' })])
      .when(record({ periodFrom: '2026-12-15', periodTo: '2027-01-14' }))
      .thenThrows(IllegalStateError, /already recorded for 2026-12-01 to 2026-12-31, which overlaps 2026-12-15 to 2027-01-14/);
  });

  test('when the next month is recorded › it is recorded', () => {
    const january = { ...data, periodFrom: '2027-01-01', periodTo: '2027-01-31' };
    spec.given([...assignedCase(), pucAttendance()]).when(record(january)).then([{ type: 'PUCAttendanceRecorded', data: january }]);
  });

  test('when the case is closed › it is refused', () => {
    spec.given([...assignedCase(), closed('2027-01-10')]).when(record()).thenThrows(IllegalStateError, /was closed on 2027-01-10/);
  });
});
