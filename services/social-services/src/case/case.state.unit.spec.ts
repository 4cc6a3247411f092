import { describe, expect, test } from '@jest/globals';
import { parseEvent, type HubEvent } from '@traiettorie/contracts';
import { foldState, toHubEvents, type Decider } from '@traiettorie/command-handling';
import { activateSupportExamples } from '../activate-support/activate-support.request.js';
import { activateSupportDecider } from '../activate-support/activate-support.decider.js';
import { assignPucDecider } from '../assign-puc/assign-puc.decider.js';
import { assignPucExamples } from '../assign-puc/assign-puc.request.js';
import { closeCaseDecider } from '../close-case/close-case.decider.js';
import { closeCaseExamples } from '../close-case/close-case.request.js';
import { completeAssessmentDecider } from '../complete-assessment/complete-assessment.decider.js';
import { completeAssessmentExamples } from '../complete-assessment/complete-assessment.request.js';
import { completePeriodicCheckDecider } from '../complete-periodic-check/complete-periodic-check.decider.js';
import { completePeriodicCheckExamples } from '../complete-periodic-check/complete-periodic-check.request.js';
import { completePreliminaryAnalysisDecider } from '../complete-preliminary-analysis/complete-preliminary-analysis.decider.js';
import { completePreliminaryAnalysisExamples } from '../complete-preliminary-analysis/complete-preliminary-analysis.request.js';
import { conveneEemmDecider } from '../convene-eemm/convene-eemm.decider.js';
import { conveneEemmExamples } from '../convene-eemm/convene-eemm.request.js';
import { openCaseDecider } from '../open-case/open-case.decider.js';
import { receiveBeneficiaryReferralDecider } from '../receive-beneficiary-referral/receive-beneficiary-referral.decider.js';
import { receiveBeneficiaryReferralExamples } from '../receive-beneficiary-referral/receive-beneficiary-referral.request.js';
import { recordFirstAppointmentDecider } from '../record-first-appointment/record-first-appointment.decider.js';
import { recordFirstAppointmentExamples } from '../record-first-appointment/record-first-appointment.request.js';
import { recordPucAttendanceDecider } from '../record-puc-attendance/record-puc-attendance.decider.js';
import { recordPucAttendanceExamples } from '../record-puc-attendance/record-puc-attendance.request.js';
import { reportConditionalityBreachDecider } from '../report-conditionality-breach/report-conditionality-breach.decider.js';
import { reportConditionalityBreachExamples } from '../report-conditionality-breach/report-conditionality-breach.request.js';
import { revisePactDecider } from '../revise-pact/revise-pact.decider.js';
import { revisePactExamples } from '../revise-pact/revise-pact.request.js';
import { signPactDecider } from '../sign-pact/sign-pact.decider.js';
import { signPactExamples } from '../sign-pact/sign-pact.request.js';
import { takeInChargeDecider } from '../take-in-charge/take-in-charge.decider.js';
import { takeInChargeExamples } from '../take-in-charge/take-in-charge.request.js';
import { updateConditionalityDecider } from '../update-conditionality/update-conditionality.decider.js';
import { updateConditionalityExamples } from '../update-conditionality/update-conditionality.request.js';
import { assessmentData, caseId, identity, openingData, pactData, source } from './case.spec-fixtures.js';
import { caseEventTypes, type CaseEventType, type CaseState } from './case.state.js';

/** Runs one command on a history as the command handling does, without the store. */
function run<Command>(decider: Decider<Command, CaseState, CaseEventType>, history: HubEvent<CaseEventType>[], command: Command, eventId: string) {
  const state = foldState(decider, history);
  const context = { source, now: '2026-10-02T08:15:00.000Z', eventId: () => eventId };
  return toHubEvents(decider.decide(command, state), decider.streamIdentity(state, command), context);
}

describe('the events a case records', () => {
  test('when a case goes from opening to pact › every event it records honours the contract and carries the case’s identity', () => {
    const history: HubEvent<CaseEventType>[] = [];
    const opening = { type: 'OpenCase' as const, caseId, ambito: identity.ambito, personRef: identity.personref, legalBasis: identity.legalbasis, data: openingData };
    history.push(...run(openCaseDecider, history, opening, '11111111-1111-4111-8111-111111111111'));
    history.push(...run(completeAssessmentDecider, history, { type: 'CompleteAssessment', caseId, data: assessmentData }, '22222222-2222-4222-8222-222222222222'));
    history.push(...run(signPactDecider, history, { type: 'SignPact', caseId, data: pactData }, '33333333-3333-4333-8333-333333333333'));

    expect(history.map((e) => e.type)).toEqual(['CaseOpened', 'AssessmentCompleted', 'PactSigned']);
    for (const event of history) {
      expect(parseEvent(event)).toEqual(event);
      expect(event).toMatchObject({ subject: caseId, ...identity, source });
    }
  });

  test('when every route’s OpenAPI example is sent in the pathway’s order › each is accepted, and every event honours the contract and carries the case’s identity', () => {
    const history: HubEvent<CaseEventType>[] = [];
    let n = 0;
    const step = <Command>(decider: Decider<Command, CaseState, CaseEventType>, command: Command) => {
      n += 1;
      history.push(...run(decider, history, command, `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`));
    };
    const onCase = <Name extends string, Data>(type: Name, examples: Record<string, { value: Data }>) => ({ type, caseId, data: Object.values(examples)[0]!.value });
    const pactId = '5d7a9a7e-3c1e-4b53-9d0e-0b7f5e3d8c11';
    const supportId = '2c4e6a8b-0d1f-4a3b-8c5d-7e9f1a2b3c4d';

    step(openCaseDecider, { type: 'OpenCase' as const, caseId, ambito: identity.ambito, personRef: identity.personref, legalBasis: identity.legalbasis, data: openingData });
    step(receiveBeneficiaryReferralDecider, onCase('ReceiveBeneficiaryReferral', receiveBeneficiaryReferralExamples));
    step(recordFirstAppointmentDecider, onCase('RecordFirstAppointment', recordFirstAppointmentExamples));
    step(takeInChargeDecider, onCase('TakeInCharge', takeInChargeExamples));
    step(completePreliminaryAnalysisDecider, onCase('CompletePreliminaryAnalysis', completePreliminaryAnalysisExamples));
    step(conveneEemmDecider, onCase('ConveneEemm', conveneEemmExamples));
    step(completeAssessmentDecider, onCase('CompleteAssessment', completeAssessmentExamples));
    step(signPactDecider, { type: 'SignPact' as const, caseId, data: { pactId, ...Object.values(signPactExamples)[0]!.value } });
    step(revisePactDecider, onCase('RevisePact', revisePactExamples));
    step(activateSupportDecider, { type: 'ActivateSupport' as const, caseId, data: { supportId, ...Object.values(activateSupportExamples)[0]!.value } });
    step(assignPucDecider, onCase('AssignPuc', assignPucExamples));
    step(recordPucAttendanceDecider, onCase('RecordPucAttendance', recordPucAttendanceExamples));
    step(completePeriodicCheckDecider, onCase('CompletePeriodicCheck', completePeriodicCheckExamples));
    step(reportConditionalityBreachDecider, onCase('ReportConditionalityBreach', reportConditionalityBreachExamples));
    step(updateConditionalityDecider, onCase('UpdateConditionality', updateConditionalityExamples));
    step(closeCaseDecider, onCase('CloseCase', closeCaseExamples));

    // DeadlineMissed has no route: the deadlines worker records it.
    expect(history.map((e) => e.type)).toEqual(caseEventTypes.filter((type) => type !== 'DeadlineMissed'));
    for (const event of history) {
      expect(parseEvent(event)).toEqual(event);
      expect(event).toMatchObject({ subject: caseId, ...identity, source });
    }
  });
});
