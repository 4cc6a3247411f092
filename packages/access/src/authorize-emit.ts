import { agencyKinds, definitionOf, isEventType, type AgencyKind } from '@traiettorie/contracts';
import type { Caller, ClientKind, Decision } from './identity.js';
import { accessRules, forbidden } from './refusals.js';

/**
 * Event types only the hub records, on a caller's behalf: an access record
 * written by the reader would be worth nothing, and a deadline is found
 * missed by the hub's deadline watch, never declared by an agency.
 */
export const hubRecords = ['PersonalDataAccessed', 'DeadlineMissed'] as const;

/** What a command is about to append: the event's type and the Ambito of its case. */
export interface EmitRequest {
  type: string;
  ambito: string;
}

/**
 * May the caller append an event of `type` for a case of `ambito`? Only if
 * the type's contract lists the caller's kind among its emitters (a funder or
 * an auditor is no agency kind, so never) and the caller acts for the Ambito.
 * Refusals: `unknown-event-type`, `emitter-not-allowed`, `ambito-not-yours`.
 */
export function authorizeEmit(caller: Caller, request: EmitRequest): Decision {
  const { client } = caller;
  if (!isEventType(request.type)) return forbidden(accessRules.unknownEventType, `${request.type} is not an event type of the catalogue`);
  if ((hubRecords as readonly string[]).includes(request.type)) {
    return forbidden(accessRules.recordedByTheHub, `${request.type} is recorded by the hub itself, never by a caller`);
  }
  const { emitters } = definitionOf(request.type);
  if (!isAgencyKind(client.kind) || !emitters.includes(client.kind)) {
    return forbidden(accessRules.emitterNotAllowed, `${client.kind} may not emit ${request.type} (its emitters: ${emitters.join(', ')})`);
  }
  return authorizeActingOn(caller, request.ambito);
}

/**
 * May the caller act on a case of `ambito` at all? Checked on an existing
 * case before any of its rules is decided, so that a caller of another Ambito
 * learns nothing of the case's state (no 409 telling what was recorded).
 * Refusals: `emitter-not-allowed` (a funder or an auditor), `ambito-not-yours`.
 */
export function authorizeActingOn(caller: Caller, ambito: string): Decision {
  const { client } = caller;
  if (!isAgencyKind(client.kind)) return forbidden(accessRules.emitterNotAllowed, `a ${client.kind} client reads only; it issues no command`);
  if (!client.ambiti.includes(ambito)) {
    return forbidden(accessRules.ambitoNotYours, `client ${client.clientId} does not act for Ambito ${ambito}`);
  }
  return { allowed: true };
}

export function isAgencyKind(kind: ClientKind): kind is AgencyKind {
  return (agencyKinds as readonly string[]).includes(kind);
}
