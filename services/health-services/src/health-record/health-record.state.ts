import {
  caseStreamOf,
  IllegalStateError,
  NotFoundError,
  ValidationError,
  type consentScopes,
  type EventData,
  type HubEvent,
} from '@traiettorie/contracts';
import type { StreamIdentity } from '@traiettorie/command-handling';

/** The events of a person's record at the health services (CPS, SerD/NOA, UOMPIA). */
export type HealthEventType = 'ConsentRecorded' | 'ConsentWithdrawn' | 'SpecialistServiceInvolved' | 'ActivityFitnessAssessed' | 'CarePathStatusChanged';

export type ConsentScope = (typeof consentScopes)[number];

/** Whom a case's health record is about, as the request names it (the case's own identity, as `POST /cases` took it). */
export interface PersonIdentity {
  ambito: string;
  personRef: string;
  legalBasis: string;
}

/** A consent of the record, with what was withdrawn of it since. */
export interface RecordedConsent {
  givenOn: string;
  expiresOn: string;
  scope: readonly ConsentScope[];
  /** `all` once the whole consent is withdrawn; otherwise the items withdrawn so far. */
  withdrawn: 'all' | readonly ConsentScope[];
}

export interface Involvement {
  involvedOn: string;
  involvement?: string;
  serviceCategory?: string;
}

export type HealthState =
  | { status: 'none' }
  | {
      status: 'recorded';
      identity: StreamIdentity;
      /** An anonymous SerD record (DPR 309/1990 art. 120): one involvement, linked to no one. */
      anonymous: boolean;
      consents: Readonly<Record<string, RecordedConsent>>;
      involvements: readonly Involvement[];
      carePath?: { status: string; changedOn: string };
    };

export type RecordedHealthState = Extract<HealthState, { status: 'recorded' }>;

/** A command on a case's health record: its data, and whose case it is when it is the record's first event. */
export interface HealthCommand<Name extends string, Type extends HealthEventType> {
  type: Name;
  caseId: string;
  identity?: PersonIdentity;
  data: EventData<Type>;
}

/** The health services' stream of a case: `health-<caseId>`. */
export const healthStream = (caseId: string) => caseStreamOf('health-services', caseId);

/** The stream of an anonymous involvement: `health-anon-<anonymousId>`, which names no case. */
export const anonymousHealthStream = (anonymousId: string) => `${healthStream('anon')}-${anonymousId}`;

/** How a health record's history folds into its state; each command's decider adds its own rule. */
export const healthState = {
  initialState: (): HealthState => ({ status: 'none' }),
  evolve,
};

function evolve(state: HealthState, event: HubEvent<HealthEventType>): HealthState {
  const record: RecordedHealthState =
    state.status === 'recorded'
      ? state
      : {
          status: 'recorded',
          identity: { subject: event.subject, ambito: event.ambito, personref: event.personref, legalbasis: event.legalbasis },
          anonymous: false,
          consents: {},
          involvements: [],
        };
  switch (event.type) {
    case 'ConsentRecorded': {
      const { consentId, givenOn, expiresOn, scope } = event.data;
      return { ...record, consents: { ...record.consents, [consentId]: { givenOn, expiresOn, scope, withdrawn: [] } } };
    }
    case 'ConsentWithdrawn': {
      const consent = record.consents[event.data.consentId];
      if (!consent) return record;
      return { ...record, consents: { ...record.consents, [event.data.consentId]: { ...consent, withdrawn: withdrawnAfter(consent, event.data) } } };
    }
    case 'SpecialistServiceInvolved':
      return { ...record, anonymous: event.data.anonymous, involvements: [...record.involvements, involvementOf(event.data)] };
    case 'ActivityFitnessAssessed':
      return record;
    case 'CarePathStatusChanged':
      return { ...record, carePath: { status: event.data.status, changedOn: event.data.changedOn } };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

function withdrawnAfter(consent: RecordedConsent, withdrawal: EventData<'ConsentWithdrawn'>): RecordedConsent['withdrawn'] {
  if (consent.withdrawn === 'all' || withdrawal.scope === undefined) return 'all';
  const items = [...new Set([...consent.withdrawn, ...withdrawal.scope])];
  return consent.scope.every((item) => items.includes(item)) ? 'all' : items;
}

function involvementOf(data: EventData<'SpecialistServiceInvolved'>): Involvement {
  if (data.anonymous) return { involvedOn: data.involvedOn, serviceCategory: data.serviceCategory };
  return {
    involvedOn: data.involvedOn,
    involvement: data.involvement,
    ...(data.serviceCategory === undefined ? {} : { serviceCategory: data.serviceCategory }),
  };
}

/**
 * The record a command acts on. On a case without a health record yet the
 * command must say whose case it is (ambito, personRef, legalBasis), as the
 * opening of the case did; once the record exists, an identity the command
 * repeats must be the record's own. Nothing of the person is echoed.
 */
export function checkIdentity(state: HealthState, command: { caseId: string; identity?: PersonIdentity }): void {
  if (state.status === 'none') {
    if (command.identity === undefined) {
      throw new ValidationError(
        [
          {
            path: 'personRef',
            rule: 'identity-on-first-event',
            message: "the first event of a case's health record names whose case it is: ambito, personRef and legalBasis",
          },
        ],
        'request body',
      );
    }
    return;
  }
  if (state.anonymous) throw new IllegalStateError(`record ${command.caseId} is an anonymous involvement: it takes no case's events`);
  const { identity } = command;
  if (identity === undefined) return;
  const mismatched = (
    [
      ['ambito', identity.ambito, state.identity.ambito],
      ['personRef', identity.personRef, state.identity.personref],
      ['legalBasis', identity.legalBasis, state.identity.legalbasis],
    ] as const
  ).filter(([, given, recorded]) => given !== recorded);
  if (mismatched.length > 0) {
    throw new IllegalStateError(
      `${mismatched.map(([field]) => field).join(', ')} differ${mismatched.length === 1 ? 's' : ''} from the one the health record of case ${command.caseId} was opened with`,
    );
  }
}

/** Whose stream it is: the record's identity, or the one the first command names. */
export function healthIdentity(state: HealthState, command: { caseId: string; identity?: PersonIdentity }): StreamIdentity {
  if (state.status === 'recorded') return state.identity;
  checkIdentity(state, command);
  const { ambito, personRef, legalBasis } = command.identity!;
  return { subject: command.caseId, ambito, personref: personRef, legalbasis: legalBasis };
}

/** The record, which must hold a specialist involvement of the person before any assessment or care path of it. */
export function requireInvolvement(state: HealthState, caseId: string, what: string): RecordedHealthState {
  if (state.status === 'none' || state.involvements.length === 0) {
    throw new IllegalStateError(`${what} of case ${caseId} needs a specialist service involved first (SpecialistServiceInvolved)`);
  }
  return state;
}

/**
 * The consent `consentId` of the record, which must cover `item` on `on`:
 * recorded, given by then, not expired, not withdrawn for the item.
 */
export function requireConsentFor(state: HealthState, caseId: string, consentId: string, item: ConsentScope, on: string): RecordedConsent {
  const consent = state.status === 'recorded' ? state.consents[consentId] : undefined;
  if (!consent) throw new NotFoundError(`consent ${consentId} was never recorded on the health record of case ${caseId}`);
  if (!consent.scope.includes(item)) throw new IllegalStateError(`consent ${consentId} does not cover ${item}`);
  if (consent.withdrawn === 'all' || consent.withdrawn.includes(item)) throw new IllegalStateError(`consent ${consentId} was withdrawn for ${item}`);
  if (on < consent.givenOn || on > consent.expiresOn) {
    throw new IllegalStateError(`consent ${consentId} is in force from ${consent.givenOn} to ${consent.expiresOn}, not on ${on}`);
  }
  return consent;
}
