import { describe, test } from '@jest/globals';
import { IllegalStateError, NotFoundError, type EventData } from '@traiettorie/contracts';
import { sampleEvent, deciderSpecification } from '@traiettorie/testing';
import { caseId, cup, enrolled, identity, left, projectCode } from '../participation/participation.spec-fixtures.js';
import { sixMonthFollowUpDecider, type RecordSixMonthFollowUp } from './six-month-follow-up.decider.js';

const spec = deciderSpecification(sixMonthFollowUpDecider);

const followUpData: EventData<'SixMonthFollowUpRecorded'> = { projectCode, cup, exitDate: '2026-09-30', followUpOn: '2027-04-12', situation: 'employed' };
const record = (data: EventData<'SixMonthFollowUpRecorded'> = followUpData): RecordSixMonthFollowUp => ({ type: 'RecordSixMonthFollowUp', caseId, data });
const followedUp = () => ({ ...sampleEvent('SixMonthFollowUpRecorded', { caseId, data: followUpData }), ...identity });

describe('recording the six-month follow-up', () => {
  test('when the person was never enrolled › it is refused as not found', () => {
    spec.given([]).when(record()).thenThrows(NotFoundError, /no participation/);
  });

  test('when the person has not left the operation › the follow-up before the exit is refused', () => {
    spec.given([enrolled()]).when(record()).thenThrows(IllegalStateError, /six-month follow-up is recorded only after the person left the operation/);
  });

  test('when the person left over six months ago › it records SixMonthFollowUpRecorded', () => {
    spec.given([enrolled(), left()]).when(record()).then([{ type: 'SixMonthFollowUpRecorded', data: followUpData }]);
  });

  test('when the follow-up is exactly six months after leaving › it is accepted', () => {
    const onTheDay = { ...followUpData, followUpOn: '2027-03-30' };
    spec.given([enrolled(), left()]).when(record(onTheDay)).then([{ type: 'SixMonthFollowUpRecorded', data: onTheDay }]);
  });

  test('when the follow-up is before six months after leaving › it is refused naming the day it is due from', () => {
    spec
      .given([enrolled(), left()])
      .when(record({ ...followUpData, followUpOn: '2027-03-29' }))
      .thenThrows(IllegalStateError, /^followUpOn: the six-month follow-up is due from 2027-03-30, six months after leaving on 2026-09-30; not 2027-03-29/);
  });

  test('when it names another exit date › it is refused naming the recorded exit', () => {
    spec
      .given([enrolled(), left()])
      .when(record({ ...followUpData, exitDate: '2026-06-30', followUpOn: '2027-01-15' }))
      .thenThrows(IllegalStateError, /^exitDate: the person left operation AV3-2016-LOM-79 on 2026-09-30, not 2026-06-30/);
  });

  test('when the follow-up was already recorded › a second one is refused', () => {
    spec.given([enrolled(), left(), followedUp()]).when(record()).thenThrows(IllegalStateError, /already has its six-month follow-up \(on 2027-04-12\)/);
  });
});
