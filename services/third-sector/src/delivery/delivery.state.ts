import { accessRules } from '@traiettorie/access';
import { caseStreamOf, ForbiddenError, IllegalStateError, NotFoundError, sourceOf, ValidationError, type EventData, type HubEvent } from '@traiettorie/contracts';
import type { StreamIdentity } from '@traiettorie/command-handling';

/** The events of a case's record at its third-sector partners: what they are to deliver, deliver, and how it went. */
export type DeliveryEventType = 'ServiceDeliveryExpected' | 'ServiceDeliveryStarted' | 'AttendanceRecorded' | 'ParticipantExitRecorded';

/** A support the social services activated with a third-sector provider, awaiting (or answered by) a delivery. */
export interface Expectation {
  supportEventId: string;
  providerId: string;
  agreementRef: string;
  /** The delivery that answers it, once started. */
  deliveryId?: string;
}

export interface Delivery {
  providerId: string;
  agreementRef: string;
  supportId?: string;
  startsOn: string;
  /** The attendance periods recorded, in the order recorded. */
  periods: readonly { from: string; to: string }[];
  exitedOn?: string;
}

export type DeliveryState =
  | { status: 'none' }
  | {
      status: 'recorded';
      identity: StreamIdentity;
      /** By support id (its {@link idKey}). */
      expected: Readonly<Record<string, Expectation>>;
      /** By delivery id (its {@link idKey}). */
      deliveries: Readonly<Record<string, Delivery>>;
    };

/** Whose case it is, as a request names it on the record's first event (the case's identity at the social services). */
export interface CaseIdentity {
  ambito: string;
  personRef: string;
  legalBasis: string;
}

/** A command on a case's delivery record: its data, and whose case it is when it opens the record. */
export interface DeliveryCommand<Name extends string, Type extends DeliveryEventType> {
  type: Name;
  caseId: string;
  identity?: CaseIdentity;
  data: EventData<Type>;
  /**
   * Who records it: the CloudEvents source of the partner's agency
   * (`/agencies/third-sector/<agencyId>`, the caller's, never the body's). A
   * partner records deliveries only as their provider. Absent only when the
   * hub records on a provider's behalf (its policy on SupportActivated).
   */
  recordedBy?: string;
}

/** A command only a partner gives, on a delivery it provides: who records it is always known. */
export type PartnerCommand<Name extends string, Type extends DeliveryEventType> = DeliveryCommand<Name, Type> & { recordedBy: string };

/**
 * The key of a support or delivery id in the record: a UUID is the same whatever
 * the case of its hex digits (the contracts accept both), so a variant in
 * capitals never names another delivery or support.
 */
export const idKey = (id: string) => id.toLowerCase();

/** The third sector's stream of a case: `delivery-<caseId>`. */
export const deliveryStream = (caseId: string) => caseStreamOf('third-sector', caseId);

export const deliveryState = {
  initialState: (): DeliveryState => ({ status: 'none' }),
  evolve,
};

function evolve(state: DeliveryState, event: HubEvent<DeliveryEventType>): DeliveryState {
  const record =
    state.status === 'recorded'
      ? state
      : {
          status: 'recorded' as const,
          identity: { subject: event.subject, ambito: event.ambito, personref: event.personref, legalbasis: event.legalbasis },
          expected: {},
          deliveries: {},
        };
  switch (event.type) {
    case 'ServiceDeliveryExpected': {
      const { supportId, supportEventId, providerId, agreementRef } = event.data;
      return { ...record, expected: { ...record.expected, [idKey(supportId)]: { supportEventId, providerId, agreementRef } } };
    }
    case 'ServiceDeliveryStarted': {
      const { deliveryId, supportId, providerId, agreementRef, startsOn } = event.data;
      const expectation = supportId === undefined ? undefined : record.expected[idKey(supportId)];
      return {
        ...record,
        expected: expectation && supportId ? { ...record.expected, [idKey(supportId)]: { ...expectation, deliveryId } } : record.expected,
        deliveries: { ...record.deliveries, [idKey(deliveryId)]: { providerId, agreementRef, startsOn, periods: [], ...(supportId ? { supportId } : {}) } },
      };
    }
    case 'AttendanceRecorded':
      return withDelivery(record, event.data.deliveryId, (d) => ({ ...d, periods: [...d.periods, { from: event.data.periodFrom, to: event.data.periodTo }] }));
    case 'ParticipantExitRecorded':
      return withDelivery(record, event.data.deliveryId, (d) => ({ ...d, exitedOn: event.data.exitedOn }));
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

function withDelivery(record: Extract<DeliveryState, { status: 'recorded' }>, deliveryId: string, change: (d: Delivery) => Delivery): DeliveryState {
  const delivery = record.deliveries[idKey(deliveryId)];
  return delivery ? { ...record, deliveries: { ...record.deliveries, [idKey(deliveryId)]: change(delivery) } } : record;
}

/**
 * The identity rule of a case's delivery record: the command that opens it
 * names whose case it is; later ones may repeat it, and then it must be the
 * record's own (the mismatching fields are named, their values never).
 */
export function deliveryIdentity(state: DeliveryState, command: { caseId: string; identity?: CaseIdentity }): StreamIdentity {
  const given = command.identity;
  if (state.status === 'recorded') {
    const recorded = state.identity;
    const differ = given
      ? (['ambito', 'personRef', 'legalBasis'] as const).filter(
          (field) => given[field] !== { ambito: recorded.ambito, personRef: recorded.personref, legalBasis: recorded.legalbasis }[field],
        )
      : [];
    if (differ.length > 0) throw new IllegalStateError(`${differ.join(', ')} not the one the delivery record of case ${command.caseId} was opened with`);
    return recorded;
  }
  if (!given) {
    throw new ValidationError(
      [{ path: 'personRef', rule: 'identity-on-first-event', message: "the first event of a case's delivery record names whose case it is: ambito, personRef and legalBasis" }],
      'request body',
    );
  }
  return { subject: command.caseId, ambito: given.ambito, personref: given.personRef, legalbasis: given.legalBasis };
}

/**
 * A partner records a delivery only as its provider: `providerId` (the one
 * the event names, or the delivery's) must be the recording agency's own id.
 * ForbiddenError `provider-not-yours` otherwise, naming the recording agency
 * and what it recorded, never the other provider (another partner's business).
 */
export function requireRecordedByProvider(providerId: string, recordedBy: string | undefined, what: string): void {
  if (recordedBy === undefined || recordedBy === sourceOf('third-sector', providerId)) return;
  throw new ForbiddenError(`${what} is recorded only by its provider, and ${recordedBy} is not it`, accessRules.providerNotYours);
}

/**
 * The delivery `deliveryId` of the case, recorded on by its provider, while
 * the person has not left it: NotFoundError for a delivery never started,
 * ForbiddenError (`provider-not-yours`) for another provider's, before
 * anything else of it is told.
 */
export function requireOngoingDelivery(state: DeliveryState, command: { caseId: string; recordedBy: string; data: { deliveryId: string } }): Delivery {
  const { caseId, recordedBy, data: { deliveryId } } = command;
  const delivery = state.status === 'recorded' ? state.deliveries[idKey(deliveryId)] : undefined;
  if (!delivery) throw new NotFoundError(`delivery ${deliveryId} was never started for case ${caseId}`);
  requireRecordedByProvider(delivery.providerId, recordedBy, `delivery ${deliveryId}`);
  if (delivery.exitedOn !== undefined) throw new IllegalStateError(`the person left delivery ${deliveryId} on ${delivery.exitedOn}`);
  return delivery;
}
