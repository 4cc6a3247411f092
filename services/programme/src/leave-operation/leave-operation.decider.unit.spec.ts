import { describe, expect, test } from '@jest/globals';
import { IllegalStateError, NotFoundError, type EventData } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { caseId, enrolled, identity, leavingData, left } from '../participation/participation.spec-fixtures.js';
import { leaveOperationDecider, type LeaveOperation } from './leave-operation.decider.js';

const spec = deciderSpecification(leaveOperationDecider);

const leave = (data: EventData<'ParticipantLeftOperation'> = leavingData): LeaveOperation => ({ type: 'LeaveOperation', caseId, data });

describe('recording that a person left the funded operation', () => {
  test('when the person was never enrolled › leaving is refused as not found', () => {
    spec.given([]).when(leave()).thenThrows(NotFoundError, /no participation in a funded operation/);
  });

  test('when the person is enrolled › it records ParticipantLeftOperation with date and reason', () => {
    spec.given([enrolled()]).when(leave()).then([{ type: 'ParticipantLeftOperation', data: leavingData }]);
  });

  test('when the person found a job › the reason is recorded as given', () => {
    const employed: EventData<'ParticipantLeftOperation'> = { ...leavingData, leftOn: '2026-05-15', reason: 'found-employment' };
    spec.given([enrolled()]).when(leave(employed)).then([{ type: 'ParticipantLeftOperation', data: employed }]);
  });

  test('when the person already left › leaving again is refused, naming when', () => {
    spec.given([enrolled(), left()]).when(leave()).thenThrows(IllegalStateError, /already left operation AV3-2016-LOM-79 \(on 2026-09-30\)/);
  });

  test('when the date is before the entry › it is refused naming the field', () => {
    spec.given([enrolled()]).when(leave({ ...leavingData, leftOn: '2026-03-01' })).thenThrows(IllegalStateError, /^leftOn: 2026-03-01 is before the entry into the operation \(2026-03-02\)/);
  });

  test('when it names another operation › it is refused naming the project code', () => {
    spec.given([enrolled()]).when(leave({ ...leavingData, projectCode: 'AV3-2016-TOS_03' })).thenThrows(IllegalStateError, /^projectCode: case .* is enrolled in operation AV3-2016-LOM-79, not AV3-2016-TOS_03/);
  });

  test('the exit carries the identity the participation was enrolled with', () => {
    const { state } = spec.given([enrolled()]).when(leave());

    expect(leaveOperationDecider.streamIdentity(state(), leave())).toEqual({ subject: caseId, ...identity });
  });
});
