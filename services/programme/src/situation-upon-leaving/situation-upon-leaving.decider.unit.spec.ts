import { describe, expect, test } from '@jest/globals';
import { IllegalStateError, NotFoundError } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { countedSituation, type LeftParticipation } from '../participation/participation.state.js';
import { caseId, cup, enrolled, left, situationData, situationRecorded } from '../participation/participation.spec-fixtures.js';
import { situationUponLeavingDecider, type RecordSituationUponLeaving } from './situation-upon-leaving.decider.js';

const spec = deciderSpecification(situationUponLeavingDecider);

const record = (data = situationData('2026-10-14')): RecordSituationUponLeaving => ({ type: 'RecordSituationUponLeaving', caseId, data });

describe('recording the situation upon leaving', () => {
  test('when the person was never enrolled › it is refused as not found', () => {
    spec.given([]).when(record()).thenThrows(NotFoundError, /no participation/);
  });

  test('when the person has not left the operation › it is refused: the situation upon leaving comes after the exit', () => {
    spec.given([enrolled()]).when(record()).thenThrows(IllegalStateError, /after the person left the operation; case .* has no exit recorded/);
  });

  test('when the person left › it records SituationUponLeaving as assessed', () => {
    spec.given([enrolled(), left()]).when(record()).then([{ type: 'SituationUponLeaving', data: situationData('2026-10-14') }]);
  });

  test('when assessed on the day of leaving or on the 28th day after › both ends of the window are accepted', () => {
    spec.given([enrolled(), left()]).when(record(situationData('2026-09-30'))).then([{ type: 'SituationUponLeaving', data: situationData('2026-09-30') }]);
    spec.given([enrolled(), left()]).when(record(situationData('2026-10-28'))).then([{ type: 'SituationUponLeaving', data: situationData('2026-10-28') }]);
  });

  test('when assessed after the four weeks › it is refused, naming the window', () => {
    spec
      .given([enrolled(), left()])
      .when(record(situationData('2026-10-29')))
      .thenThrows(IllegalStateError, /^assessedOn: the situation upon leaving is assessed within the four weeks after leaving \(2026-09-30 to 2026-10-28\), not on 2026-10-29/);
  });

  test('when assessed before leaving › it is refused', () => {
    spec.given([enrolled(), left()]).when(record(situationData('2026-09-29'))).thenThrows(IllegalStateError, /^assessedOn:/);
  });

  test('when it names another exit date › it is refused naming the recorded one', () => {
    spec
      .given([enrolled(), left()])
      .when(record({ ...situationData('2026-10-14'), leftOn: '2026-10-01' }))
      .thenThrows(IllegalStateError, /^leftOn: the person left operation AV3-2016-LOM-79 on 2026-09-30, not 2026-10-01/);
  });

  test('when it names another CUP › it is refused naming the CUP', () => {
    spec.given([enrolled(), left()]).when(record({ ...situationData('2026-10-14'), cup: 'B11C20000010009' })).thenThrows(IllegalStateError, new RegExp(`^cup: .* has CUP ${cup}`));
  });

  test('when one was already recorded in the window › another is recorded too, and the last assessed is the one ESF+ counts', () => {
    const history = [enrolled(), left(), situationRecorded('2026-10-07', ['job-searching'])];
    spec.given(history).when(record(situationData('2026-10-21', ['employed']))).then([{ type: 'SituationUponLeaving', data: situationData('2026-10-21', ['employed']) }]);

    const { state } = spec.given([...history, situationRecorded('2026-10-21', ['employed'])]).when(record());
    const participation = state() as LeftParticipation;

    expect(participation.situationsUponLeaving.map((s) => s.assessedOn)).toEqual(['2026-10-07', '2026-10-21']);
    expect(countedSituation(participation.situationsUponLeaving)).toMatchObject({ assessedOn: '2026-10-21', situation: ['employed'] });
  });

  test('when a later record carries an earlier assessment › ESF+ still counts the last one assessed', () => {
    const { state } = spec
      .given([enrolled(), left(), situationRecorded('2026-10-21', ['employed']), situationRecorded('2026-10-07', ['job-searching'])])
      .when(record());

    expect(countedSituation((state() as LeftParticipation).situationsUponLeaving)).toMatchObject({ assessedOn: '2026-10-21', situation: ['employed'] });
  });

  test('when two are assessed the same day › the one recorded last counts', () => {
    const { state } = spec
      .given([enrolled(), left(), situationRecorded('2026-10-21', ['job-searching']), situationRecorded('2026-10-21', ['education-training'])])
      .when(record());

    expect(countedSituation((state() as LeftParticipation).situationsUponLeaving)?.situation).toEqual(['education-training']);
  });
});
