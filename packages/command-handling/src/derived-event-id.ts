import { v5 as uuidv5 } from 'uuid';

/** The hub's namespace for ids derived from other ids (RFC 9562 name-based UUIDs). */
export const TRAIETTORIE_ID_NAMESPACE = 'b3f1c6a2-5d8e-4f07-9a3c-2e6d1b7f4c90';

/**
 * A version-5 UUID determined by a causing event's id and a purpose: the same
 * cause and purpose always give the same id, so an event derived from a
 * redelivered message can never be stored twice.
 */
export function derivedEventId(causeId: string, purpose: string): string {
  return uuidv5(`${causeId}:${purpose}`, TRAIETTORIE_ID_NAMESPACE);
}
