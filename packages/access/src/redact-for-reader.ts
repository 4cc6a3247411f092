import { ForbiddenError, isAnonymousPersonRef, type CloudEvent } from '@traiettorie/contracts';
import { consentFor, consentLedger, type RedactionReason } from './consent-ledger.js';
import type { Caller } from './identity.js';
import type { PurposeRegistry } from './purposes.js';
import { accessRules } from './refusals.js';
import { specialCategoryFieldsFor, type SpecialCategoryField } from './special-category-access.js';

/** What stands in a redacted field's place. */
export interface RedactionMarker {
  redacted: true;
  reason: RedactionReason;
}

/** An event as a reader gets it: special-category fields it may not see replaced by markers, listed in `redacted` (JSONPaths into `data`). */
export interface ReaderEvent extends CloudEvent<string, unknown> {
  redacted?: string[];
}

export interface RedactionContext {
  /** What each PDND purpose is for (`demoPurposes` in development). */
  purposes: PurposeRegistry;
  /** The day of the read (ISO date), against which consents are in force. */
  today: string;
}

/**
 * A case's history as `caller` may see it. Special-category fields (the
 * contracts' `x-classification`) are kept only where `specialCategoryAccess`
 * lets the caller's kind see them, directly or under an active consent of the
 * person (ConsentRecorded in the same history, naming the kind and a purpose
 * of the caller's, not withdrawn since); otherwise each becomes a
 * `RedactionMarker`. Anonymous events (`anon:` personref, a SerD user's
 * anonymity) never belong to a person's history: they are dropped for every
 * reader. The auditor sees everything else as stored. A funder reader never
 * gets a case (ForbiddenError `aggregates-only`): `authorizeRead` refuses it first.
 */
export function redactForReader(caller: Caller, history: readonly CloudEvent<string, unknown>[], context: RedactionContext): ReaderEvent[] {
  const { kind } = caller.client;
  if (kind === 'funder') throw new ForbiddenError('a funder reader reads aggregates only, never a case', accessRules.aggregatesOnly);
  const ledger = consentLedger(history);
  const reader = { kind, purposes: context.purposes.get(caller.purposeId) ?? [] };
  return history
    .filter((event) => !isAnonymousPersonRef(event.personref))
    .map((event) => {
      const reasons = specialCategoryFieldsFor(kind, event.type).map((special) => ({
        special,
        reason: reasonToHide(special, (scope) => consentFor(ledger, event.personref, reader, scope, context.today)),
      }));
      const hidden = reasons.filter((r): r is { special: SpecialCategoryField; reason: RedactionReason } => r.reason !== undefined);
      if (hidden.length === 0) return event;
      let data = structuredClone(event.data);
      const redacted: string[] = [];
      for (const { special, reason } of hidden) {
        const marker: RedactionMarker = { redacted: true, reason };
        const replaced = replaceAt(data, special.field.segments, marker);
        data = replaced.value;
        if (replaced.count > 0) redacted.push(special.field.path);
      }
      return redacted.length === 0 ? event : { ...event, data, redacted };
    });
}

function reasonToHide(
  special: SpecialCategoryField,
  consent: (scope: Parameters<typeof consentFor>[3]) => ReturnType<typeof consentFor>,
): RedactionReason | undefined {
  const { access } = special;
  if (access.kind === 'sees') return undefined;
  if (access.kind === 'never') return 'not-for-this-kind';
  const decision = consent(access.scope);
  return decision.covered ? undefined : decision.reason;
}

/** Replaces every value at `segments` (`*`: each item or record value) that is present; absent optional fields stay absent. */
function replaceAt(node: unknown, segments: readonly string[], marker: RedactionMarker): { value: unknown; count: number } {
  if (segments.length === 0) return { value: marker, count: 1 };
  if (typeof node !== 'object' || node === null) return { value: node, count: 0 };
  const [head, ...rest] = segments as [string, ...string[]];
  const container = node as Record<string, unknown>;
  const keys = head === '*' ? Object.keys(container) : Object.hasOwn(container, head) && container[head] !== undefined ? [head] : [];
  let count = 0;
  for (const key of keys) {
    const replaced = replaceAt(container[key], rest, marker);
    container[key] = replaced.value;
    count += replaced.count;
  }
  return { value: node, count };
}
