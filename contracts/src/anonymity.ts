import { z } from 'zod';
import type { ValidationIssue } from './errors.js';

const anonymousShape = /^anon:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A person reference that links to no one: `anon:` and a random UUID the
 * emitter mints for the occasion, never derived from the person. It fills the
 * envelope's `personref` when an event must not be tied to an identity (a SerD
 * user's anonymity, DPR 309/1990 art. 120) or concerns no person at all (a
 * funded operation's expenditure or closure).
 */
export const anonymousPersonRef = z.string().regex(anonymousShape, 'anon: followed by a lower-case UUID');

export function isAnonymousPersonRef(ref: string): boolean {
  return anonymousShape.test(ref);
}

/** The anonymous reference for a freshly minted UUID. */
export function anonymousPersonRefOf(uuid: string): string {
  return `anon:${uuid.toLowerCase()}`;
}

/**
 * Events whose data says `anonymous: true` must carry an anonymous person
 * reference, and those that say `anonymous: false` a real one: the flag and
 * the envelope can never disagree. Events without the flag are not checked.
 */
export function anonymityIssues(personref: string, data: unknown): ValidationIssue[] {
  const flag = typeof data === 'object' && data !== null ? (data as { anonymous?: unknown }).anonymous : undefined;
  if (flag === true && !isAnonymousPersonRef(personref)) {
    return [{ path: 'personref', rule: 'anonymous-person-ref', message: 'an anonymous event must carry an anon: person reference' }];
  }
  if (flag === false && isAnonymousPersonRef(personref)) {
    return [{ path: 'personref', rule: 'identified-person-ref', message: 'an identified event must carry the person reference' }];
  }
  return [];
}
