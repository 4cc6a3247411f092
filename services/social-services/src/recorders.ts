import {
  assessmentCompletedV2,
  caseClosedV1,
  caseOpenedV1,
  caseTakenInChargeV1,
  conditionalityUpdatedV1,
  pactSignedV3,
  preliminaryAnalysisCompletedV2,
  type EventData,
  type EventType,
  type HubEvent,
} from '@traiettorie/contracts';
import { recorder, type Decider, type DomainEvent, type EventRecorder } from '@traiettorie/command-handling';
import { activateSupportDecider } from './activate-support/activate-support.decider.js';
import { assignPucDecider } from './assign-puc/assign-puc.decider.js';
import { caseStream, type CaseEventType, type CaseState } from './case/case.state.js';
import { closeCaseDecider } from './close-case/close-case.decider.js';
import { completeAssessmentDecider } from './complete-assessment/complete-assessment.decider.js';
import { completePeriodicCheckDecider } from './complete-periodic-check/complete-periodic-check.decider.js';
import { completePreliminaryAnalysisDecider } from './complete-preliminary-analysis/complete-preliminary-analysis.decider.js';
import { conveneEemmDecider } from './convene-eemm/convene-eemm.decider.js';
import { openCaseDecider, type OpenCase } from './open-case/open-case.decider.js';
import { receiveBeneficiaryReferralDecider } from './receive-beneficiary-referral/receive-beneficiary-referral.decider.js';
import { recordFirstAppointmentDecider } from './record-first-appointment/record-first-appointment.decider.js';
import { recordPucAttendanceDecider } from './record-puc-attendance/record-puc-attendance.decider.js';
import { reportConditionalityBreachDecider } from './report-conditionality-breach/report-conditionality-breach.decider.js';
import { revisePactDecider } from './revise-pact/revise-pact.decider.js';
import { signPactDecider } from './sign-pact/sign-pact.decider.js';
import { recordDeadlineMissedDecider, type RecordDeadlineMissed } from './record-deadline-missed/record-deadline-missed.decider.js';
import { takeInChargeDecider } from './take-in-charge/take-in-charge.decider.js';
import { updateConditionalityDecider } from './update-conditionality/update-conditionality.decider.js';

/** A past event of a case, in the domain's words, with the contract's example as its data. */
const past = <Type extends CaseEventType>(type: Type, data: EventData<Type>): DomainEvent => ({ type, data }) as DomainEvent;

const opened = past('CaseOpened', caseOpenedV1.example);
const assessed = past('AssessmentCompleted', assessmentCompletedV2.example);
const pactSigned = past('PactSigned', pactSignedV3.example);
const takenInCharge = past('CaseTakenInCharge', caseTakenInChargeV1.example);
const closed = past('CaseClosed', caseClosedV1.example);

/**
 * Records an event of the case's stream as it is: the command is the route's,
 * `{ type, caseId: subject, data }`, decided by the route's own decider.
 */
function onCase<Type extends CaseEventType, Name extends string>(
  type: Type,
  name: Name,
  decider: Decider<{ type: Name; caseId: string; data: EventData<Type> }, CaseState, CaseEventType>,
  outOfOrder: readonly DomainEvent[],
): EventRecorder {
  return recorder({
    type,
    decider: decider as Decider<{ type: Name; caseId: string; data: EventData<Type> }, CaseState, EventType>,
    stream: (event) => caseStream(event.subject),
    command: (event) => ({ type: name, caseId: event.subject, data: event.data as EventData<Type> }),
    outOfOrder,
  });
}

/**
 * The social services' recorders: one per event type they record (all of the
 * social-services context but PersonalDataAccessed, written by the hub itself,
 * and DeadlineMissed, written by the deadlines worker), each with a history
 * after which its decider refuses the event.
 */
export const socialServicesRecorders: EventRecorder[] = [
  recorder({
    type: 'CaseOpened',
    decider: openCaseDecider as Decider<OpenCase, CaseState, EventType>,
    stream: (event) => caseStream(event.subject),
    command: (event: HubEvent): OpenCase => ({
      type: 'OpenCase',
      caseId: event.subject,
      ambito: event.ambito,
      personRef: event.personref,
      legalBasis: event.legalbasis,
      data: event.data as EventData<'CaseOpened'>,
    }),
    usuallyOpensStream: true,
    // A case is opened once.
    outOfOrder: [opened],
  }),
  // A referral after the presa in carico.
  onCase('BeneficiaryReferralReceived', 'ReceiveBeneficiaryReferral', receiveBeneficiaryReferralDecider, [opened, takenInCharge]),
  // A first appointment without a referral.
  onCase('FirstAppointmentHeld', 'RecordFirstAppointment', recordFirstAppointmentDecider, [opened]),
  // Taken in charge twice.
  onCase('CaseTakenInCharge', 'TakeInCharge', takeInChargeDecider, [opened, takenInCharge]),
  // A preliminary analysis before the presa in carico.
  onCase('PreliminaryAnalysisCompleted', 'CompletePreliminaryAnalysis', completePreliminaryAnalysisDecider, [opened]),
  // An EEMM when the preliminary analysis did not ask for a quadro.
  onCase('EEMMConvened', 'ConveneEemm', conveneEemmDecider, [
    opened,
    takenInCharge,
    past('PreliminaryAnalysisCompleted', { ...preliminaryAnalysisCompletedV2.example, outcome: 'pais-by-social-service' }),
  ]),
  // A second assessment.
  onCase('AssessmentCompleted', 'CompleteAssessment', completeAssessmentDecider, [opened, assessed]),
  // A pact before the assessment.
  onCase('PactSigned', 'SignPact', signPactDecider, [opened]),
  // A revision before the pact.
  onCase('PactRevised', 'RevisePact', revisePactDecider, [opened, assessed]),
  // A support before the pact.
  onCase('SupportActivated', 'ActivateSupport', activateSupportDecider, [opened, assessed]),
  // A PUC before the pact.
  onCase('PUCAssigned', 'AssignPuc', assignPucDecider, [opened, assessed]),
  // Attendance at a PUC never assigned.
  onCase('PUCAttendanceRecorded', 'RecordPucAttendance', recordPucAttendanceDecider, [opened, assessed, pactSigned]),
  // A check on a closed case.
  onCase('PeriodicCheckCompleted', 'CompletePeriodicCheck', completePeriodicCheckDecider, [opened, closed]),
  // A breach on a closed case.
  onCase('ConditionalityBreachReported', 'ReportConditionalityBreach', reportConditionalityBreachDecider, [opened, closed]),
  // The same cause twice.
  onCase('ConditionalityUpdated', 'UpdateConditionality', updateConditionalityDecider, [opened, past('ConditionalityUpdated', conditionalityUpdatedV1.example)]),
  // A second closure.
  onCase('CaseClosed', 'CloseCase', closeCaseDecider, [opened, closed]),
];

/**
 * The deadlines worker's recorder of DeadlineMissed (not among the recorders of
 * what agencies post): `handleCommand(store, r.decider, { stream: r.stream(e),
 * command: r.command(e), … })` with the event it built, its id derived from the
 * deadline's. The decider refuses a second DeadlineMissed for the same
 * deadlineId, and one on a case never opened (NotFoundError) or closed.
 */
export const deadlineMissedRecorder: EventRecorder<RecordDeadlineMissed, CaseState> = {
  type: 'DeadlineMissed',
  decider: recordDeadlineMissedDecider as Decider<RecordDeadlineMissed, CaseState, EventType>,
  stream: (event) => caseStream(event.subject),
  command: (event): RecordDeadlineMissed => ({ type: 'RecordDeadlineMissed', caseId: event.subject, data: event.data as EventData<'DeadlineMissed'> }),
  outOfOrder: [opened, closed],
};

export { recordDeadlineMissedDecider, type RecordDeadlineMissed };
export { caseStream, type CaseState };
