import { caseStreamOf, IllegalStateError, NotFoundError, type EventData, type HubEvent } from '@traiettorie/contracts';
import type { StreamIdentity } from '@traiettorie/command-handling';

/** The events of a person's participation in a funded operation, as the programme office records them. */
export type ParticipationEventType = 'ParticipantEnrolledInOperation' | 'ParticipantLeftOperation' | 'SituationUponLeaving' | 'SixMonthFollowUpRecorded';

/** Whose participation it is: set by the enrolment, carried by every later event's envelope. */
interface ParticipationIdentity {
  ambito: string;
  personRef: string;
  legalBasis: string;
}

/** The operation the person entered: project code, CUP and entry date. */
export interface EnrolledOperation {
  projectCode: string;
  cup: string;
  entryDate: string;
}

/** One situation upon leaving as recorded (ESF+ immediate results, EECR01-04). */
export interface RecordedSituation {
  assessedOn: string;
  situation: EventData<'SituationUponLeaving'>['situation'];
  /** The id of the event that recorded it. */
  eventId: string;
}

export type ParticipationState =
  | { status: 'none' }
  | ({ status: 'enrolled'; operation: EnrolledOperation } & ParticipationIdentity)
  | ({
      status: 'left';
      operation: EnrolledOperation;
      exit: { leftOn: string; reason: EventData<'ParticipantLeftOperation'>['reason'] };
      /** Every situation upon leaving recorded, in recording order. */
      situationsUponLeaving: readonly RecordedSituation[];
      followUp?: { followUpOn: string; situation: EventData<'SixMonthFollowUpRecorded'>['situation'] };
    } & ParticipationIdentity);

export type ExistingParticipation = Exclude<ParticipationState, { status: 'none' }>;
export type LeftParticipation = Extract<ParticipationState, { status: 'left' }>;

/** A command on an existing participation that records one event of the given type with the data given. */
export interface ParticipationCommand<Name extends string, Type extends ParticipationEventType> {
  type: Name;
  caseId: string;
  data: EventData<Type>;
}

/** The programme office's stream of a case: `participation-<caseId>`. */
export const participationStream = (caseId: string) => caseStreamOf('programme', caseId);

/** How a participation's history folds into its state; each command's decider adds its own rule. */
export const participationState = {
  initialState: (): ParticipationState => ({ status: 'none' }),
  evolve,
};

function evolve(state: ParticipationState, event: HubEvent<ParticipationEventType>): ParticipationState {
  switch (event.type) {
    case 'ParticipantEnrolledInOperation': {
      const { projectCode, cup, entryDate } = event.data;
      return { status: 'enrolled', ambito: event.ambito, personRef: event.personref, legalBasis: event.legalbasis, operation: { projectCode, cup, entryDate } };
    }
    case 'ParticipantLeftOperation':
      return state.status === 'none'
        ? state
        : { ...identityOf(state), status: 'left', operation: state.operation, exit: { leftOn: event.data.leftOn, reason: event.data.reason }, situationsUponLeaving: [] };
    case 'SituationUponLeaving':
      return state.status !== 'left'
        ? state
        : { ...state, situationsUponLeaving: [...state.situationsUponLeaving, { assessedOn: event.data.assessedOn, situation: event.data.situation, eventId: event.id }] };
    case 'SixMonthFollowUpRecorded':
      return state.status !== 'left' ? state : { ...state, followUp: { followUpOn: event.data.followUpOn, situation: event.data.situation } };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/**
 * The situation upon leaving that ESF+ counts: the last one assessed within
 * the four weeks after leaving (a later assessment replaces an earlier one;
 * of two assessed the same day, the one recorded last). Undefined while none
 * is recorded.
 */
export function countedSituation(situations: readonly RecordedSituation[]): RecordedSituation | undefined {
  return situations.reduce<RecordedSituation | undefined>((last, s) => (!last || s.assessedOn >= last.assessedOn ? s : last), undefined);
}

/** The participation, or NotFoundError when the person was never enrolled. */
export function requireParticipation(state: ParticipationState, caseId: string): ExistingParticipation {
  if (state.status === 'none') throw new NotFoundError(`no participation in a funded operation for case ${caseId}`);
  return state;
}

/** The participation once the person left the operation: IllegalStateError before, naming the rule. */
export function requireLeft(state: ParticipationState, caseId: string, what: string): LeftParticipation {
  const existing = requireParticipation(state, caseId);
  if (existing.status !== 'left') throw new IllegalStateError(`${what} is recorded only after the person left the operation; case ${caseId} has no exit recorded`);
  return existing;
}

/** An event about the operation must name the one the person entered (project code and CUP). */
export function requireSameOperation(existing: ExistingParticipation, data: { projectCode: string; cup: string }, caseId: string): void {
  const { projectCode, cup } = existing.operation;
  if (data.projectCode !== projectCode) throw new IllegalStateError(`projectCode: case ${caseId} is enrolled in operation ${projectCode}, not ${data.projectCode}`);
  if (data.cup !== cup) throw new IllegalStateError(`cup: operation ${projectCode} has CUP ${cup}, not ${data.cup}`);
}

/**
 * The participation after the exit, for an event about that exit: it names
 * the operation the person entered and the day they left (`exit.field`, its
 * date of leaving). IllegalStateError naming the field otherwise.
 */
export function requireAboutTheExit(
  state: ParticipationState,
  command: { caseId: string; data: { projectCode: string; cup: string } },
  what: string,
  exit: { field: string; on: string },
): LeftParticipation {
  const left = requireLeft(state, command.caseId, what);
  requireSameOperation(left, command.data, command.caseId);
  if (exit.on !== left.exit.leftOn) throw new IllegalStateError(`${exit.field}: the person left operation ${left.operation.projectCode} on ${left.exit.leftOn}, not ${exit.on}`);
  return left;
}

/** The identity every event of an existing participation carries: the one it was enrolled with. */
export function participationIdentity(state: ParticipationState, caseId: string): StreamIdentity {
  const existing = requireParticipation(state, caseId);
  return { subject: caseId, ambito: existing.ambito, personref: existing.personRef, legalbasis: existing.legalBasis };
}

function identityOf(state: ExistingParticipation): ParticipationIdentity {
  return { ambito: state.ambito, personRef: state.personRef, legalBasis: state.legalBasis };
}
