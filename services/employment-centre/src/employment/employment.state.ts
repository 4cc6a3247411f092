import { caseStreamOf, IllegalStateError, NotFoundError, type EventData, type HubEvent } from '@traiettorie/contracts';
import type { StreamIdentity } from '@traiettorie/command-handling';

/** The employment centre's stream of a case: `employment-<caseId>`. */
export const employmentStream = (caseId: string) => caseStreamOf('employment-centre', caseId);

/** The events of a person's stream at the Centro per l'Impiego. */
export type EmploymentEventType =
  | 'EmploymentReferralReceived'
  | 'DIDRegistered'
  | 'ProfilingCompleted'
  | 'ServicePactSigned'
  | 'TrainingEnrolled'
  | 'TrainingCompleted'
  | 'TirocinioStarted'
  | 'TirocinioEnded'
  | 'JobOfferResponded'
  | 'EmploymentStarted'
  | 'TirocinioPlacementRequested';

/** A command on a referred person's stream that records one event of the given type with the data given. */
export interface EmploymentCommand<Name extends string, Type extends EmploymentEventType> {
  type: Name;
  caseId: string;
  data: EventData<Type>;
}

/** Whose stream it is: set by the referral, carried by every later event's envelope. */
export interface EmploymentIdentity {
  ambito: string;
  personRef: string;
  legalBasis: string;
}

export interface Course {
  courseId: string;
  enrolledOn: string;
  status: 'enrolled' | 'ended';
}

export interface Tirocinio {
  tirocinioId: string;
  startsOn: string;
  status: 'running' | 'ended';
  endedOn?: string;
}

/** What the CPI knows of a referred person, as far as its rules need it. */
export interface Referred extends EmploymentIdentity {
  status: 'referred';
  referralEventId: string;
  assessmentEventId: string;
  receivedOn: string;
  servicePactDueBy: string;
  didRegisteredOn?: string;
  /** The CPI the person is assigned to (the DID's). */
  cpiId?: string;
  lastProfiledOn?: string;
  servicePact?: { servicePactId: string; signedOn: string; actions: readonly string[] };
  /** Courses by id; the latest enrolment in each. */
  courses: Readonly<Record<string, Course>>;
  tirocini: Readonly<Record<string, Tirocinio>>;
  /** Job offers answered, by offer id. */
  respondedOffers: readonly string[];
  /** Contracts recorded: the UNILAV reference, or the employer and start date when there is none. */
  employments: readonly string[];
  /** The titles of the qualifications the person's completed courses awarded (personal: used, never shown). */
  qualificationTitles: readonly string[];
  /** The PactSigned events whose tirocinio the CPI was asked to place (TirocinioPlacementRequested), by the pact event's id. */
  placementRequests: readonly string[];
}

export type EmploymentState = { status: 'none' } | Referred;

/** How a person's history at the CPI folds into its state; each command's decider adds its own rule. */
export const employmentState = {
  initialState: (): EmploymentState => ({ status: 'none' }),
  evolve,
};

function evolve(state: EmploymentState, event: HubEvent<EmploymentEventType>): EmploymentState {
  if (event.type === 'EmploymentReferralReceived') {
    if (state.status === 'referred') return state;
    return {
      status: 'referred',
      ambito: event.ambito,
      personRef: event.personref,
      legalBasis: event.legalbasis,
      referralEventId: event.id,
      assessmentEventId: event.data.assessmentEventId,
      receivedOn: event.data.receivedOn,
      servicePactDueBy: event.data.servicePactDueBy,
      courses: {},
      tirocini: {},
      respondedOffers: [],
      employments: [],
      qualificationTitles: [],
      placementRequests: [],
    };
  }
  // Anything before the referral cannot be stored through the deciders; fold it into nothing.
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'DIDRegistered':
      return { ...state, didRegisteredOn: event.data.registeredOn, cpiId: event.data.cpiId };
    case 'ProfilingCompleted':
      return { ...state, lastProfiledOn: event.data.profiledOn };
    case 'ServicePactSigned':
      return { ...state, servicePact: { servicePactId: event.data.servicePactId, signedOn: event.data.signedOn, actions: event.data.actions } };
    case 'TrainingEnrolled':
      return { ...state, courses: { ...state.courses, [event.data.courseId]: { courseId: event.data.courseId, enrolledOn: event.data.enrolledOn, status: 'enrolled' } } };
    case 'TrainingCompleted': {
      const course = state.courses[event.data.courseId];
      if (!course) return state;
      const title = event.data.qualification?.title;
      return {
        ...state,
        courses: { ...state.courses, [course.courseId]: { ...course, status: 'ended' } },
        qualificationTitles: title === undefined ? state.qualificationTitles : [...state.qualificationTitles, title],
      };
    }
    case 'TirocinioStarted':
      return {
        ...state,
        tirocini: { ...state.tirocini, [event.data.tirocinioId]: { tirocinioId: event.data.tirocinioId, startsOn: event.data.startsOn, status: 'running' } },
      };
    case 'TirocinioEnded': {
      const tirocinio = state.tirocini[event.data.tirocinioId];
      return tirocinio
        ? { ...state, tirocini: { ...state.tirocini, [tirocinio.tirocinioId]: { ...tirocinio, status: 'ended', endedOn: event.data.endedOn } } }
        : state;
    }
    case 'JobOfferResponded':
      return { ...state, respondedOffers: [...state.respondedOffers, event.data.offerId] };
    case 'EmploymentStarted':
      return { ...state, employments: [...state.employments, employmentKey(event.data)] };
    case 'TirocinioPlacementRequested':
      return { ...state, placementRequests: [...state.placementRequests, event.data.pactEventId] };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** What makes a contract the same contract: its UNILAV, or else its employer and start date. */
export function employmentKey(data: EventData<'EmploymentStarted'>): string {
  return data.unilavRef !== undefined ? `unilav:${data.unilavRef}` : `employer:${data.employerRef}:${data.startsOn}`;
}

/** The referred person, or NotFoundError: nothing is recorded at the CPI before the referral. */
export function requireReferral(state: EmploymentState, caseId: string, what: string): Referred {
  if (state.status === 'none') {
    throw new NotFoundError(`case ${caseId} was never referred to the employment centre: ${what} cannot be recorded before the referral (EmploymentReferralReceived)`);
  }
  return state;
}

/** The referred person with a signed PSP, or IllegalStateError naming what needs it. */
export function requireServicePact(state: Referred, caseId: string, what: string): Required<Pick<Referred, 'servicePact'>>['servicePact'] {
  if (!state.servicePact) {
    throw new IllegalStateError(`${what} of case ${caseId} needs the Patto di servizio personalizzato (ServicePactSigned) first`);
  }
  return state.servicePact;
}

/** The running tirocinio, if any. */
export function runningTirocinio(state: Referred): Tirocinio | undefined {
  return Object.values(state.tirocini).find((t) => t.status === 'running');
}

/** The identity every event of a referred person carries: the referral's. */
export function employmentIdentity(state: EmploymentState, caseId: string): StreamIdentity {
  const referred = requireReferral(state, caseId, 'an event');
  return { subject: caseId, ambito: referred.ambito, personref: referred.personRef, legalbasis: referred.legalBasis };
}
