import { describe, expect, test } from '@jest/globals';
import { IllegalStateError, NotFoundError } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { caseId, employed, employmentData, referred } from '../employment/employment.spec-fixtures.js';
import { startEmploymentDecider, type StartEmployment } from './start-employment.decider.js';

const spec = deciderSpecification(startEmploymentDecider);
const hire = (data = employmentData): StartEmployment => ({ type: 'StartEmployment', caseId, data });
const { unilavRef: _unilav, ...withoutUnilav } = employmentData;

describe('recording an employment', () => {
  test('when the person was never referred › it is refused as not found', () => {
    spec.given([]).when(hire()).thenThrows(NotFoundError, /an employment cannot be recorded before the referral/);
  });

  test('when the person is referred › it records EmploymentStarted', () => {
    spec.given([referred()]).when(hire()).then([{ type: 'EmploymentStarted', data: employmentData }]);
  });

  test('when the same contract (UNILAV) is recorded again › it is refused, naming neither employer nor UNILAV', () => {
    const { thenThrows, state } = spec.given([referred(), employed]).when(hire());
    let message = '';
    try {
      startEmploymentDecider.decide(hire(), state());
    } catch (error) {
      message = (error as Error).message;
    }

    thenThrows(IllegalStateError, /this contract of case .* is already recorded/);
    expect(message).not.toMatch(/logistica|UNILAV-2027/);
  });

  test('without a UNILAV › the same employer from the same day is the same contract', () => {
    spec.given([referred(), { type: 'EmploymentStarted', data: withoutUnilav }]).when(hire(withoutUnilav)).thenThrows(IllegalStateError, /already recorded/);
  });

  test('when another contract follows › it is recorded', () => {
    const next = { ...employmentData, startsOn: '2028-09-15', endsOn: undefined, contractType: 'permanent', unilavRef: 'UNILAV-2028-LOM-0000042' } as const;
    const { endsOn: _none, ...permanent } = next;

    spec.given([referred(), employed]).when(hire(permanent)).then([{ type: 'EmploymentStarted', data: permanent }]);
  });
});
