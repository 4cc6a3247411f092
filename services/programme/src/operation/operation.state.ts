import { anonymousPersonRefOf, IllegalStateError, type EventData, type HubEvent } from '@traiettorie/contracts';
import { derivedEventId, foldState, type StreamIdentity } from '@traiettorie/command-handling';

/** The events of a funded operation as a whole (no person): its expenditure and its closure. */
export type OperationEventType = 'ExpenditureDeclared' | 'OperationClosed';

/**
 * The stream of a funded operation: `operation-<projectCode>`, e.g.
 * `operation-AV3-2016-LOM-79`. Its events concern no person.
 */
export const operationStream = (projectCode: string) => `operation-${projectCode}`;

/**
 * The operation's id, the `subject` of its events: a name-based UUID of its
 * project code, so every office and agency system names it alike.
 */
export const operationIdOf = (projectCode: string) => derivedEventId(projectCode, 'funded-operation');

/** The legal basis of a funded operation's records unless the command names one: the ESF+ regulation. */
export const ESF_PLUS_LEGAL_BASIS = 'Reg-UE-2021-1057';

export interface DeclaredExpenditure {
  declarationId: string;
  declaredOn: string;
  periodFrom: string;
  periodTo: string;
  totalCents: number;
}

export type OperationState =
  | { status: 'none' }
  | {
      status: 'open' | 'closed';
      identity: StreamIdentity;
      projectCode: string;
      cup: string;
      declarations: readonly DeclaredExpenditure[];
      closure?: { closedOn: string; outcome: EventData<'OperationClosed'>['outcome'] };
    };

export type ExistingOperation = Exclude<OperationState, { status: 'none' }>;

/**
 * A command on an operation recording one event of the given type. `identity`
 * is used only when the command opens the stream (its first event): the
 * operation's id, an `anon:` reference (it concerns no person), the Ambito
 * of the project office and the legal basis.
 */
export interface OperationCommand<Name extends string, Type extends OperationEventType> {
  type: Name;
  projectCode: string;
  identity: StreamIdentity;
  data: EventData<Type>;
}

/** The identity of a new operation's stream: its id, an anonymous reference, the office's Ambito. */
export function newOperationIdentity(projectCode: string, ambito: string, legalBasis = ESF_PLUS_LEGAL_BASIS): StreamIdentity {
  const subject = operationIdOf(projectCode);
  return { subject, ambito, personref: anonymousPersonRefOf(subject), legalbasis: legalBasis };
}

export const operationState = {
  initialState: (): OperationState => ({ status: 'none' }),
  evolve,
};

function evolve(state: OperationState, event: HubEvent<OperationEventType>): OperationState {
  const known: ExistingOperation =
    state.status === 'none'
      ? {
          status: 'open',
          identity: { subject: event.subject, ambito: event.ambito, personref: event.personref, legalbasis: event.legalbasis },
          projectCode: event.data.projectCode,
          cup: event.data.cup,
          declarations: [],
        }
      : state;
  switch (event.type) {
    case 'ExpenditureDeclared': {
      const { declarationId, declaredOn, periodFrom, periodTo, totalCents } = event.data;
      return { ...known, declarations: [...known.declarations, { declarationId, declaredOn, periodFrom, periodTo, totalCents }] };
    }
    case 'OperationClosed':
      return { ...known, status: 'closed', closure: { closedOn: event.data.closedOn, outcome: event.data.outcome } };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/**
 * What an operation command must agree with: the project code of its stream,
 * the CUP and Ambito the operation was first recorded with, and an operation
 * not closed.
 */
export function requireOpenOperation(
  state: OperationState,
  command: { projectCode: string; identity: StreamIdentity; data: { projectCode: string; cup: string } },
  what: string,
): void {
  const { projectCode, data } = command;
  if (data.projectCode !== projectCode) throw new IllegalStateError(`projectCode: the ${what} names operation ${data.projectCode}, not ${projectCode}`);
  if (state.status === 'none') return;
  if (command.identity.ambito !== state.identity.ambito) {
    throw new IllegalStateError(`ambito: operation ${projectCode} is run for Ambito ${state.identity.ambito}, not ${command.identity.ambito}`);
  }
  if (data.cup !== state.cup) throw new IllegalStateError(`cup: operation ${projectCode} has CUP ${state.cup}, not ${data.cup}`);
  if (state.closure) throw new IllegalStateError(`operation ${projectCode} was closed on ${state.closure.closedOn}: no ${what} after its closure`);
}

/** The stream's identity: the one it was first recorded with, or the command's for its first event. */
export function operationIdentity(state: OperationState, command: { identity: StreamIdentity }): StreamIdentity {
  return state.status === 'none' ? command.identity : state.identity;
}

/**
 * What an enrolment may know of its operation from the operation's stream,
 * read just before (another stream: its decider cannot see it). Undefined
 * for an operation with nothing recorded yet.
 */
export interface OperationFacts {
  cup: string;
  closedOn?: string;
}

export function operationFacts(state: OperationState): OperationFacts | undefined {
  if (state.status === 'none') return undefined;
  return { cup: state.cup, ...(state.closure ? { closedOn: state.closure.closedOn } : {}) };
}

/** The facts of an operation from its stream's events as read (the route's read, or the one `recordEvents` makes for a recorder). */
export function operationFactsOf(history: readonly HubEvent[]): OperationFacts | undefined {
  return operationFacts(foldState(operationState, history as readonly HubEvent<OperationEventType>[]));
}
