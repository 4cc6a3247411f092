import { caseStreamOf, IllegalStateError, NotFoundError, type EventData, type HubEvent } from '@traiettorie/contracts';
import type { StreamIdentity } from '@traiettorie/command-handling';

/** The events of a case's stream at the social services, in the order the pathway usually records them. */
export const caseEventTypes = [
  'CaseOpened',
  'BeneficiaryReferralReceived',
  'FirstAppointmentHeld',
  'CaseTakenInCharge',
  'PreliminaryAnalysisCompleted',
  'EEMMConvened',
  'AssessmentCompleted',
  'PactSigned',
  'PactRevised',
  'SupportActivated',
  'PUCAssigned',
  'PUCAttendanceRecorded',
  'PeriodicCheckCompleted',
  'ConditionalityBreachReported',
  'ConditionalityUpdated',
  'CaseClosed',
  'DeadlineMissed',
] as const;

export type CaseEventType = (typeof caseEventTypes)[number];

/** Whose case it is: set by the opening, carried by every later event's envelope. */
interface CaseIdentity {
  ambito: string;
  personRef: string;
  legalBasis: string;
}

/** A member's assignment to a PUC project (the contract names a PUC by its project code: there is no other PUC id). */
export interface PucAssignment {
  pucProjectCode: string;
  memberRef: string;
  startsOn: string;
  endsOn: string;
  /** The attendance periods recorded so far. */
  attendance: readonly { periodFrom: string; periodTo: string }[];
}

/** The Patto per l'inclusione as signed, then as last revised. */
export interface CasePact {
  pactId: string;
  signedOn: string;
  /** 0 until the first revision. */
  revision: number;
  /** The date of the last signature or revision. */
  lastChangedOn: string;
  boundMembers: readonly string[];
  supports: readonly string[];
  reviewDates: readonly string[];
}

/** What the pathway has recorded so far on a case; every step but the opening is optional, and ordered when present. */
export interface CaseRecord extends CaseIdentity {
  /** SIISL's referral (BeneficiaryReferralReceived): the first appointment is due by `firstAppointmentDueBy`. */
  referral?: { receivedOn: string; firstAppointmentDueBy: string };
  /** The last first-appointment outcome recorded: a justified absence may be followed by the rescheduled appointment. */
  firstAppointment?: EventData<'FirstAppointmentHeld'>;
  /** Presa in carico. */
  takenInCharge?: { takenInChargeOn: string };
  preliminaryAnalysis?: { completedOn: string; outcome: EventData<'PreliminaryAnalysisCompleted'>['outcome'] };
  /** The last meeting of the équipe multidisciplinare. */
  eemm?: { convenedOn: string };
  assessment?: { completedOn: string; referrals: readonly string[] };
  pact?: CasePact;
  /** The supports activated, by supportId. */
  supports: Readonly<Record<string, { kind: string; startsOn: string }>>;
  pucs: readonly PucAssignment[];
  /** The last periodic check. */
  lastCheck?: { checkedOn: string; nextCheckDueBy: string };
  breaches: readonly { memberRef: string; breach: string; breachOn: string }[];
  /** The conditionality as last updated (e.g. suspended while employed); the measure's ordinary conditions until then. */
  conditionality?: { conditionality: EventData<'ConditionalityUpdated'>['conditionality']; since: string };
  /** The events (e.g. an EmploymentStarted) the conditionality was already updated for. */
  conditionalityCauses: readonly string[];
  /** The deadlines (deadlineId) already recorded as missed. */
  missedDeadlines: readonly string[];
}

export type CaseState =
  | { status: 'none' }
  | (CaseRecord & ({ status: 'open' | 'assessed' | 'pact-signed' } | { status: 'closed'; closedOn: string }));

export type ExistingCase = Exclude<CaseState, { status: 'none' }>;
export type OpenCaseState = Exclude<ExistingCase, { status: 'closed' }>;

/** A command on an existing case that records one event of the given type with the data given. */
export interface CaseCommand<Name extends string, Type extends CaseEventType> {
  type: Name;
  caseId: string;
  data: EventData<Type>;
}

/** The social services' stream of a case. */
export const caseStream = (caseId: string) => caseStreamOf('social-services', caseId);

/** How a case's history folds into its state; each command's decider adds its own rule. */
export const caseState = {
  initialState: (): CaseState => ({ status: 'none' }),
  evolve,
};

function evolve(state: CaseState, event: HubEvent<CaseEventType>): CaseState {
  if (event.type === 'CaseOpened') {
    return { status: 'open', ambito: event.ambito, personRef: event.personref, legalBasis: event.legalbasis, supports: {}, pucs: [], breaches: [], conditionalityCauses: [], missedDeadlines: [] };
  }
  // Nothing but the opening starts a case: a history that does not begin with it folds into no case.
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'BeneficiaryReferralReceived':
      return { ...state, referral: { receivedOn: event.data.receivedOn, firstAppointmentDueBy: event.data.firstAppointmentDueBy } };
    case 'FirstAppointmentHeld':
      return { ...state, firstAppointment: event.data };
    case 'CaseTakenInCharge':
      return { ...state, takenInCharge: { takenInChargeOn: event.data.takenInChargeOn } };
    case 'PreliminaryAnalysisCompleted':
      return { ...state, preliminaryAnalysis: { completedOn: event.data.completedOn, outcome: event.data.outcome } };
    case 'EEMMConvened':
      return { ...state, eemm: { convenedOn: event.data.convenedOn } };
    case 'AssessmentCompleted':
      return { ...state, status: 'assessed', assessment: { completedOn: event.data.completedOn, referrals: event.data.referrals } };
    case 'PactSigned': {
      const { pactId, signedOn, boundMembers, supports, reviewDates } = event.data;
      const pact: CasePact = { pactId, signedOn, revision: 0, lastChangedOn: signedOn, boundMembers, supports, reviewDates };
      return { ...state, status: 'pact-signed', pact };
    }
    case 'PactRevised': {
      const { pactId, revision, revisedOn, boundMembers, supports, reviewDates } = event.data;
      const signedOn = state.pact?.signedOn ?? revisedOn;
      return { ...state, pact: { pactId, signedOn, revision, lastChangedOn: revisedOn, boundMembers, supports, reviewDates } };
    }
    case 'SupportActivated':
      return { ...state, supports: { ...state.supports, [event.data.supportId]: { kind: event.data.kind, startsOn: event.data.startsOn } } };
    case 'PUCAssigned': {
      const { pucProjectCode, memberRef, startsOn, endsOn } = event.data;
      return { ...state, pucs: [...state.pucs, { pucProjectCode, memberRef, startsOn, endsOn, attendance: [] }] };
    }
    case 'PUCAttendanceRecorded': {
      const { pucProjectCode, memberRef, periodFrom, periodTo } = event.data;
      const assignment = assignmentCovering(state, pucProjectCode, memberRef, periodFrom, periodTo);
      const pucs = state.pucs.map((p) => (p === assignment ? { ...p, attendance: [...p.attendance, { periodFrom, periodTo }] } : p));
      return { ...state, pucs };
    }
    case 'PeriodicCheckCompleted':
      return { ...state, lastCheck: { checkedOn: event.data.checkedOn, nextCheckDueBy: event.data.nextCheckDueBy } };
    case 'ConditionalityBreachReported': {
      const { memberRef, breach, breachOn } = event.data;
      return { ...state, breaches: [...state.breaches, { memberRef, breach, breachOn }] };
    }
    case 'ConditionalityUpdated': {
      const { causeEventId, conditionality, since } = event.data;
      return { ...state, conditionality: { conditionality, since }, conditionalityCauses: [...state.conditionalityCauses, causeEventId] };
    }
    case 'CaseClosed':
      return { ...state, status: 'closed', closedOn: event.data.closedOn };
    case 'DeadlineMissed':
      return { ...state, missedDeadlines: [...state.missedDeadlines, event.data.deadlineId] };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** The member's assignment to the PUC project whose dates cover the period, if any. */
export function assignmentCovering(state: CaseRecord, pucProjectCode: string, memberRef: string, from: string, to: string): PucAssignment | undefined {
  return state.pucs.find((p) => p.pucProjectCode === pucProjectCode && p.memberRef === memberRef && p.startsOn <= from && to <= p.endsOn);
}

/** The case, or NotFoundError when it was never opened. */
export function requireCase(state: CaseState, caseId: string): ExistingCase {
  if (state.status === 'none') throw new NotFoundError(`case ${caseId} does not exist`);
  return state;
}

/** The case, while it is not closed: NotFoundError when it was never opened, IllegalStateError once closed. */
export function requireOpenCase(state: CaseState, caseId: string): OpenCaseState {
  const existing = requireCase(state, caseId);
  if (existing.status === 'closed') throw new IllegalStateError(`case ${caseId} was closed on ${existing.closedOn}`);
  return existing;
}

/** The case's signed pact, while the case is open: IllegalStateError naming `what` when no pact was signed yet. */
export function requirePact(state: CaseState, caseId: string, what: string): { existing: OpenCaseState; pact: CasePact } {
  const existing = requireOpenCase(state, caseId);
  if (!existing.pact) throw new IllegalStateError(`${what} of case ${caseId} cannot be recorded before the pact is signed`);
  return { existing, pact: existing.pact };
}

/** The identity every event of an existing case carries: the one it was opened with. */
export function caseIdentity(state: CaseState, caseId: string): StreamIdentity {
  const existing = requireCase(state, caseId);
  return { subject: caseId, ambito: existing.ambito, personref: existing.personRef, legalbasis: existing.legalBasis };
}
