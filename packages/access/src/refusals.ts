import type { Decision } from './identity.js';

/**
 * The rules the door refuses by, as problem details name them (`rule`). They
 * are stable: clients and the access log key on them; renaming one is a
 * breaking change.
 */
export const accessRules = {
  /** The event type is not in the catalogue: nobody may emit it. */
  unknownEventType: 'unknown-event-type',
  /** The event type's contract does not list the caller's kind as an emitter (a funder or an auditor emits nothing). */
  emitterNotAllowed: 'emitter-not-allowed',
  /** The case (or the aggregate asked for) belongs to an Ambito the caller does not act for. */
  ambitoNotYours: 'ambito-not-yours',
  /** A funder reader asked for a case, a referral or a list of cases: it reads aggregates only. */
  aggregatesOnly: 'aggregates-only',
  /** The caller's kind has no business with this read scope (e.g. a third-sector partner and a referral). */
  scopeNotForThisKind: 'scope-not-for-this-kind',
  /** A funder asked for aggregates of an Ambito outside its regions. */
  regionNotYours: 'region-not-yours',
  /**
   * A third-sector partner recorded a delivery as another provider: a delivery
   * (its start, attendance, exit, or the expectation of one) is recorded only
   * by the provider it names, the caller's own organisation (its `agencyId`).
   */
  providerNotYours: 'provider-not-yours',
  /** The event is the hub's own record (the access log's PersonalDataAccessed): no caller appends it. */
  recordedByTheHub: 'recorded-by-the-hub',
} as const;

export type AccessRule = (typeof accessRules)[keyof typeof accessRules];

/** A 403 naming its rule; `detail` says what was refused, never personal data. */
export type Refusal = Extract<Decision, { allowed: false }> & { rule: AccessRule };

export function forbidden(rule: AccessRule, detail: string): Refusal {
  return { allowed: false, status: 403, rule, detail };
}
