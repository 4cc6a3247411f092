import { agencyKindOf, type EventType, type HubEvent } from '@traiettorie/contracts';

/**
 * Where a person's pathway stands across the agencies, by the business date
 * of each step (the date in the event's data, not when it was sent): the same
 * pathway recorded through the command routes or posted by an agency system
 * gives the same view. Health events are left out on purpose: that the CPS or
 * the SerD is involved is special-category data (DOMAIN.md), which a summary
 * read by every agency of the case must not reveal.
 */
export const pathwayDateFields = {
  CaseOpened: 'referralDate',
  BeneficiaryReferralReceived: 'receivedOn',
  FirstAppointmentHeld: 'appointmentOn',
  CaseTakenInCharge: 'takenInChargeOn',
  PreliminaryAnalysisCompleted: 'completedOn',
  EEMMConvened: 'convenedOn',
  AssessmentCompleted: 'completedOn',
  PactSigned: 'signedOn',
  PactRevised: 'revisedOn',
  SupportActivated: 'startsOn',
  PUCAssigned: 'assignedOn',
  PUCAttendanceRecorded: 'periodFrom',
  PeriodicCheckCompleted: 'checkedOn',
  ConditionalityBreachReported: 'reportedOn',
  ConditionalityUpdated: 'since',
  DeadlineMissed: 'dueOn',
  CaseClosed: 'closedOn',
  EmploymentReferralReceived: 'receivedOn',
  DIDRegistered: 'registeredOn',
  ProfilingCompleted: 'profiledOn',
  ServicePactSigned: 'signedOn',
  TirocinioPlacementRequested: 'requestedOn',
  TrainingEnrolled: 'enrolledOn',
  TrainingCompleted: 'endedOn',
  TirocinioStarted: 'startsOn',
  TirocinioEnded: 'endedOn',
  JobOfferResponded: 'respondedOn',
  EmploymentStarted: 'startsOn',
  ServiceDeliveryExpected: 'expectedFrom',
  ServiceDeliveryStarted: 'startsOn',
  AttendanceRecorded: 'periodFrom',
  ParticipantExitRecorded: 'exitedOn',
  ParticipantEnrolledInOperation: 'entryDate',
  ParticipantLeftOperation: 'leftOn',
  SituationUponLeaving: 'assessedOn',
  SixMonthFollowUpRecorded: 'followUpOn',
} as const satisfies Partial<Record<EventType, string>>;

export type PathwayEventType = keyof typeof pathwayDateFields;
export const pathwayEventTypes = Object.keys(pathwayDateFields) as PathwayEventType[];
export type PathwayEvent = HubEvent<PathwayEventType>;

export function isPathwayEvent(event: HubEvent): event is PathwayEvent {
  return event.type in pathwayDateFields;
}

/** The stages of a pathway, in the order a person goes through them; the furthest reached is where it stands. */
export const pathwayStages = [
  'referred',
  'taken-in-charge',
  'assessed',
  'pact-signed',
  'in-activation',
  'employed',
  'closed',
] as const;
export type PathwayStage = (typeof pathwayStages)[number];

/** The steps that reach each stage (a step not listed shapes no stage, only the milestones). */
const stageOf: Partial<Record<PathwayEventType, PathwayStage>> = {
  CaseOpened: 'referred',
  BeneficiaryReferralReceived: 'referred',
  FirstAppointmentHeld: 'taken-in-charge',
  CaseTakenInCharge: 'taken-in-charge',
  PreliminaryAnalysisCompleted: 'assessed',
  AssessmentCompleted: 'assessed',
  PactSigned: 'pact-signed',
  TirocinioStarted: 'in-activation',
  TrainingEnrolled: 'in-activation',
  PUCAssigned: 'in-activation',
  ServiceDeliveryStarted: 'in-activation',
  EmploymentStarted: 'employed',
  CaseClosed: 'closed',
};

/** One kind of step of the pathway: how many were recorded, the first and the last business date. */
export interface Milestone {
  count: number;
  first: string;
  last: string;
}

export interface Pathway {
  caseId: string;
  ambito: string;
  personRef: string;
  stage: PathwayStage | null;
  /** Agency kinds that recorded a step (health services never appear: see above). */
  agencies: string[];
  milestones: Partial<Record<PathwayEventType, Milestone>>;
}

/**
 * Applies one event to a case's pathway. Every field is order-independent
 * (counts add up, dates keep their minimum and maximum, the stage only moves
 * forward, agencies are a set), so topics interleaved in any order give the
 * same pathway.
 */
export function projectPathway(current: Pathway | undefined, event: PathwayEvent): Pathway {
  const base: Pathway = current ?? { caseId: event.subject, ambito: event.ambito, personRef: event.personref, stage: null, agencies: [], milestones: {} };
  const on = String((event.data as Record<string, unknown>)[pathwayDateFields[event.type]]);
  const seen = base.milestones[event.type];
  const milestone: Milestone = seen
    ? { count: seen.count + 1, first: on < seen.first ? on : seen.first, last: on > seen.last ? on : seen.last }
    : { count: 1, first: on, last: on };
  const agency = agencyKindOf(event.source);
  const reached = stageOf[event.type];
  return {
    ...base,
    ...(event.type === 'CaseOpened' ? { ambito: event.ambito, personRef: event.personref } : {}),
    stage: reached && (base.stage === null || pathwayStages.indexOf(reached) > pathwayStages.indexOf(base.stage)) ? reached : base.stage,
    agencies: agency && !base.agencies.includes(agency) ? [...base.agencies, agency].sort() : base.agencies,
    milestones: { ...base.milestones, [event.type]: milestone },
  };
}
