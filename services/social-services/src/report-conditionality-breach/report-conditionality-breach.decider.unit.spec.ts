import { describe, expect, test } from '@jest/globals';
import { conditionalityBreachReportedV2, IllegalStateError, NotFoundError, type EventData } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { assessed, breachReported, caseId, closed, firstAppointmentHeld, identity, opened, pucAssigned, referralReceived, signed } from '../case/case.spec-fixtures.js';
import { reportConditionalityBreachDecider, type ReportConditionalityBreach } from './report-conditionality-breach.decider.js';

const spec = deciderSpecification(reportConditionalityBreachDecider);

const data = conditionalityBreachReportedV2.example;
const report = (override: Partial<EventData<'ConditionalityBreachReported'>> = {}): ReportConditionalityBreach => ({
  type: 'ReportConditionalityBreach',
  caseId,
  data: { ...data, ...override },
});
const withPuc = () => [opened(), assessed(), signed(), pucAssigned({ startsOn: '2026-12-01', endsOn: '2027-05-31' })];

describe('reporting a conditionality breach', () => {
  test('when the case does not exist › it is refused as not found', () => {
    spec.given([]).when(report()).thenThrows(NotFoundError, /does not exist/);
  });

  test('when the member was assigned to a PUC › a PUC not attended is recorded', () => {
    spec.given(withPuc()).when(report()).then([{ type: 'ConditionalityBreachReported', data }]);
  });

  test('the breach carries the identity the case was opened with', () => {
    const { state } = spec.given(withPuc()).when(report());

    expect(reportConditionalityBreachDecider.streamIdentity(state(), report())).toEqual({ subject: caseId, ...identity });
  });

  test('when no PUC was assigned to the member › a PUC not attended is refused, naming neither kind nor member', () => {
    spec.given([opened(), assessed(), signed()]).when(report()).thenThrows(IllegalStateError, /a PUC not attended needs the member assigned to a PUC started by breachOn/);
  });

  test('when the PUC starts after the breach › a PUC not attended is refused', () => {
    spec.given(withPuc()).when(report({ breachOn: '2026-11-25', reportedOn: '2026-11-26' })).thenThrows(IllegalStateError, /started by breachOn/);
  });

  test('when the referred household missed its first appointment › the missed appointment is recorded', () => {
    const missed = { ...data, breach: 'first-appointment-missed' as const, breachOn: '2026-10-02', reportedOn: '2026-10-05' };
    spec
      .given([opened(), referralReceived(), firstAppointmentHeld({ attendance: 'unjustified-absence' })])
      .when(report(missed))
      .then([{ type: 'ConditionalityBreachReported', data: missed }]);
  });

  test('when no referral set a first appointment › a missed first appointment is refused', () => {
    spec.given([opened()]).when(report({ breach: 'first-appointment-missed' })).thenThrows(IllegalStateError, /needs the referral that set it/);
  });

  test('when the household attended its first appointment › a missed first appointment is refused', () => {
    spec
      .given([opened(), referralReceived(), firstAppointmentHeld({ attendance: 'present' })])
      .when(report({ breach: 'first-appointment-missed' }))
      .thenThrows(IllegalStateError, /attended its first appointment/);
  });

  test('when no pact was signed › an unmet commitment is refused', () => {
    spec.given([opened(), assessed()]).when(report({ breach: 'pact-commitment-not-met' })).thenThrows(IllegalStateError, /an unmet commitment needs a signed pact/);
  });

  test('when a periodic check was missed › it is recorded on any open case', () => {
    const missed = { ...data, breach: 'periodic-check-missed' as const };
    spec.given([opened()]).when(report(missed)).then([{ type: 'ConditionalityBreachReported', data: missed }]);
  });

  test('when the same breach was already reported › it is refused, naming its date only', () => {
    spec.given([...withPuc(), breachReported()]).when(report()).thenThrows(IllegalStateError, /this breach of 2027-03-08 is already reported for that member/);
  });

  test('when the case is closed › it is refused', () => {
    spec.given([...withPuc(), closed('2027-01-10')]).when(report()).thenThrows(IllegalStateError, /was closed on 2027-01-10/);
  });
});
