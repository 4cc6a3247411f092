import { describe, test } from '@jest/globals';
import { IllegalStateError, NotFoundError } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { caseId, didRegistered, profiled, profilingData, referred } from '../employment/employment.spec-fixtures.js';
import { completeProfilingDecider, type CompleteProfiling } from './complete-profiling.decider.js';

const spec = deciderSpecification(completeProfilingDecider);
const profile = (profiledOn = profilingData.profiledOn): CompleteProfiling => ({ type: 'CompleteProfiling', caseId, data: { ...profilingData, profiledOn } });

describe('profiling the person', () => {
  test('when the person was never referred › the profiling is refused as not found', () => {
    spec.given([]).when(profile()).thenThrows(NotFoundError, /a profiling cannot be recorded before the referral/);
  });

  test('when the DID is not registered yet › the profiling is refused', () => {
    spec.given([referred()]).when(profile()).thenThrows(IllegalStateError, /cannot be profiled before the DID is registered/);
  });

  test('after the DID › it records ProfilingCompleted', () => {
    spec.given([referred(), didRegistered]).when(profile()).then([{ type: 'ProfilingCompleted', data: profilingData }]);
  });

  test('when it is dated before the DID › it is refused, naming both days', () => {
    spec.given([referred(), didRegistered]).when(profile('2026-10-22')).thenThrows(IllegalStateError, /profiledOn 2026-10-22 is before the DID .*registered on 2026-10-23/);
  });

  test('when the person is profiled again later › the new profiling is recorded', () => {
    spec
      .given([referred(), didRegistered, profiled])
      .when(profile('2027-03-01'))
      .then([{ type: 'ProfilingCompleted', data: { ...profilingData, profiledOn: '2027-03-01' } }]);
  });

  test('when a profiling is dated before the last one › it is refused', () => {
    spec.given([referred(), didRegistered, profiled]).when(profile('2026-11-01')).thenThrows(IllegalStateError, /before the last profiling .*on 2026-11-05/);
  });
});
