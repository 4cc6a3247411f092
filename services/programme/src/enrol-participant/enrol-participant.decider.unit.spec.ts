import { describe, expect, test } from '@jest/globals';
import { IllegalStateError } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { caseId, cup, enrolled, enrolmentData, identity, left, projectCode } from '../participation/participation.spec-fixtures.js';
import { enrolParticipantDecider, type EnrolParticipant } from './enrol-participant.decider.js';

const spec = deciderSpecification(enrolParticipantDecider);

const enrol = (operation?: EnrolParticipant['operation']): EnrolParticipant => ({
  type: 'EnrolParticipant',
  caseId,
  ambito: identity.ambito,
  personRef: identity.personref,
  legalBasis: identity.legalbasis,
  data: enrolmentData,
  operation,
});

describe('enrolling a person in a funded operation', () => {
  test('when the case has no participation › it records ParticipantEnrolledInOperation with the ESF+ data at entry', () => {
    spec.given([]).when(enrol()).then([{ type: 'ParticipantEnrolledInOperation', data: enrolmentData }]);
  });

  test('when the operation is recorded under the same CUP and still open › the person is enrolled', () => {
    spec.given([]).when(enrol({ cup })).then([{ type: 'ParticipantEnrolledInOperation', data: enrolmentData }]);
  });

  test('when the enrolment opens the stream › its identity is the case, Ambito, person and legal basis the command names', () => {
    const { state } = spec.given([]).when(enrol());

    expect(enrolParticipantDecider.streamIdentity(state(), enrol())).toEqual({ subject: caseId, ...identity });
  });

  test('when the case is already enrolled › enrolling it again is refused, naming the operation and since when', () => {
    spec.given([enrolled()]).when(enrol()).thenThrows(IllegalStateError, new RegExp(`already enrolled in operation ${projectCode} \\(since 2026-03-02\\)`));
  });

  test('when the person already left the operation › enrolling the case again is refused', () => {
    spec.given([enrolled(), left()]).when(enrol()).thenThrows(IllegalStateError, /already enrolled/);
  });

  test('when the operation was closed › it enrols no one', () => {
    spec.given([]).when(enrol({ cup, closedOn: '2025-12-31' })).thenThrows(IllegalStateError, new RegExp(`operation ${projectCode} was closed on 2025-12-31: it enrols no one`));
  });

  test('when the operation is recorded under another CUP › the enrolment is refused naming the CUP', () => {
    spec.given([]).when(enrol({ cup: 'B11C20000010009' })).thenThrows(IllegalStateError, /^cup: operation AV3-2016-LOM-79 has CUP B11C20000010009, not J41B16000290006/);
  });
});
