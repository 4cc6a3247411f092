import { describe, expect, test } from '@jest/globals';
import { IllegalStateError, NotFoundError, pucAssignedV2, type EventData } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { assessed, caseId, closed, identity, opened, pucAssigned, revised, signed } from '../case/case.spec-fixtures.js';
import { assignPucDecider, type AssignPuc } from './assign-puc.decider.js';

const spec = deciderSpecification(assignPucDecider);

const data = pucAssignedV2.example;
const assign = (override: Partial<EventData<'PUCAssigned'>> = {}): AssignPuc => ({ type: 'AssignPuc', caseId, data: { ...data, ...override } });

describe('assigning a member to a PUC', () => {
  test('when the case does not exist › it is refused as not found', () => {
    spec.given([]).when(assign()).thenThrows(NotFoundError, /does not exist/);
  });

  test('when no pact was signed › the PUC is refused', () => {
    spec.given([opened(), assessed()]).when(assign()).thenThrows(IllegalStateError, /a PUC assignment of case .* cannot be recorded before the pact is signed/);
  });

  test('when the pact binds the member › it records PUCAssigned', () => {
    spec.given([opened(), assessed(), signed({ boundMembers: [data.memberRef] })]).when(assign()).then([{ type: 'PUCAssigned', data }]);
  });

  test('the assignment carries the identity the case was opened with', () => {
    const { state } = spec.given([opened(), assessed(), signed()]).when(assign());

    expect(assignPucDecider.streamIdentity(state(), assign())).toEqual({ subject: caseId, ...identity });
  });

  test('when the pact does not bind the member › it is refused without naming the member', () => {
    const { state } = spec.given([opened(), assessed(), signed({ boundMembers: ['P-SSG-0000aa'] })]).when(assign());
    spec
      .given([opened(), assessed(), signed({ boundMembers: ['P-SSG-0000aa'] })])
      .when(assign())
      .thenThrows(IllegalStateError, /only to a member bound by its pact/);
    expect(() => assignPucDecider.decide(assign(), state())).not.toThrow(new RegExp(data.memberRef));
  });

  test('when the revised pact binds the member › the PUC is assigned', () => {
    spec
      .given([opened(), assessed(), signed({ boundMembers: ['P-SSG-0000aa'] }), revised({ boundMembers: ['P-SSG-0000aa', data.memberRef] })])
      .when(assign())
      .then([{ type: 'PUCAssigned', data }]);
  });

  test('when the member is already assigned to the same PUC for overlapping dates › it is refused, naming the dates', () => {
    spec
      .given([opened(), assessed(), signed(), pucAssigned({ startsOn: '2026-12-01', endsOn: '2027-05-31' })])
      .when(assign({ assignedOn: '2027-01-10', startsOn: '2027-02-01', endsOn: '2027-07-31' }))
      .thenThrows(IllegalStateError, /already assigned to PUC PUC-COLOGNO-2026-07 of case .* from 2026-12-01 to 2027-05-31/);
  });

  test('when the member is assigned to the same PUC again after the first assignment ends › it is recorded', () => {
    const again = { ...data, assignedOn: '2027-05-20', startsOn: '2027-06-01', endsOn: '2027-11-30' };
    spec.given([opened(), assessed(), signed(), pucAssigned()]).when(assign(again)).then([{ type: 'PUCAssigned', data: again }]);
  });

  test('when the case is closed › it is refused', () => {
    spec.given([opened(), assessed(), signed(), closed('2027-01-10')]).when(assign()).thenThrows(IllegalStateError, /was closed on 2027-01-10/);
  });
});
