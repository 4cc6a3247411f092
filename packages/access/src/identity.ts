import type { AgencyKind } from '@traiettorie/contracts';

/**
 * What a registered client may be: one of the agency kinds that emit events
 * (contracts' `agencyKinds`), or a reader that emits nothing: a programme /
 * funder reader sees aggregates only, an auditor reads everything and every
 * such read is logged.
 */
export type ClientKind = AgencyKind | 'funder' | 'auditor';

/**
 * A client registered with the hub (by PDND: an e-service consumer), keyed by
 * the voucher's `client_id`. The Ambiti it acts for bound what it may write
 * and read; `regions` is how a funder reader is scoped (e.g. `LOM`); an
 * auditor has `allAmbiti: true`.
 */
export interface ClientRegistration {
  clientId: string;
  kind: ClientKind;
  /** The agency's id within its kind: the CloudEvents source is `/agencies/<kind>/<agencyId>`. */
  agencyId: string;
  /** Human-readable name, Italian, for operators' screens and logs. */
  name: string;
  ambiti: readonly string[];
  regions?: readonly string[];
  allAmbiti?: boolean;
  /** The PDND purpose ids (`purposeId` claim) this client may present. */
  purposes: readonly string[];
}

/** Who acts, as the voucher and the tracking evidence (AgID Audit REST 02) establish it. */
export interface Caller {
  client: ClientRegistration;
  /** The voucher's `purposeId`, one of `client.purposes`. */
  purposeId: string;
  /** The voucher's `jti`. */
  voucherId: string;
  /** The operator, from `Agid-JWT-TrackingEvidence`; absent when the request carried none. */
  operator?: { userID: string; userLocation: string; LoA: string };
}

/** The outcome of an authorisation check: refusals name the rule, never personal data. */
export type Decision =
  | { allowed: true }
  | { allowed: false; status: 401 | 403; rule: string; detail: string };
