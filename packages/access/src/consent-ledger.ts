import type { CloudEvent, consentPurposes } from '@traiettorie/contracts';
import type { ConsentScope } from './special-category-access.js';

export type ConsentPurpose = (typeof consentPurposes)[number];

/** A ConsentRecorded of the history, with what later ConsentWithdrawn events took back. */
interface Consent {
  personref: string;
  purpose: ConsentPurpose;
  recipients: readonly string[];
  scope: readonly ConsentScope[];
  givenOn: string;
  expiresOn: string;
  /** Items withdrawn by a later ConsentWithdrawn; `all` when the whole consent was. */
  withdrawn: 'all' | Set<ConsentScope>;
}

/** Why a special-category field is not shown. */
export type RedactionReason = 'no-consent' | 'consent-withdrawn' | 'consent-expired' | 'not-for-this-kind';

/** Who is reading, as far as consent is concerned: their kind and the consent purposes of their PDND purpose. */
export interface ConsentReader {
  kind: string;
  purposes: readonly ConsentPurpose[];
}

/**
 * The consents a case's history records, in history order: a withdrawal
 * counts only for a consent recorded before it (same `consentId`, same person).
 */
export function consentLedger(history: readonly CloudEvent<string, unknown>[]): Consent[] {
  const byId = new Map<string, Consent>();
  for (const event of history) {
    if (event.type === 'ConsentRecorded') {
      const data = event.data as { consentId: string; purpose: ConsentPurpose; recipients: string[]; scope: ConsentScope[]; givenOn: string; expiresOn: string };
      byId.set(data.consentId, { ...data, personref: event.personref, withdrawn: new Set() });
    } else if (event.type === 'ConsentWithdrawn') {
      const data = event.data as { consentId: string; scope?: ConsentScope[] };
      const consent = byId.get(data.consentId);
      if (!consent || consent.personref !== event.personref || consent.withdrawn === 'all') continue;
      if (data.scope === undefined) consent.withdrawn = 'all';
      else data.scope.forEach((item) => (consent.withdrawn as Set<ConsentScope>).add(item));
    }
  }
  return [...byId.values()];
}

/**
 * Whether a consent of `personref` lets `reader` see the health item `scope`
 * on `today` (ISO date): one that names the reader's kind among its
 * recipients, one of its purposes, the item, is in force (given, not expired)
 * and not withdrawn for the item. Otherwise the strongest reason why not.
 */
export function consentFor(
  ledger: readonly Consent[],
  personref: string,
  reader: ConsentReader,
  scope: ConsentScope,
  today: string,
): { covered: true } | { covered: false; reason: Exclude<RedactionReason, 'not-for-this-kind'> } {
  const relevant = ledger.filter(
    (c) => c.personref === personref && c.recipients.includes(reader.kind) && reader.purposes.includes(c.purpose) && c.scope.includes(scope),
  );
  const withdrawn = (c: Consent) => c.withdrawn === 'all' || c.withdrawn.has(scope);
  const inForce = (c: Consent) => c.givenOn <= today && today <= c.expiresOn;
  if (relevant.some((c) => inForce(c) && !withdrawn(c))) return { covered: true };
  if (relevant.some(withdrawn)) return { covered: false, reason: 'consent-withdrawn' };
  if (relevant.some((c) => c.expiresOn < today)) return { covered: false, reason: 'consent-expired' };
  return { covered: false, reason: 'no-consent' };
}
