import canonicalize from 'canonicalize';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { keyFingerprint, keyListFromEnv, parseKeyList, type KeyListRules } from './configured-keys.js';

/**
 * The secret keys of the tamper-evident chain (ADR 6). The appending services
 * authenticate every event with one (the append MAC, stored in the row) and
 * the sealer chains the log with one (HMAC-SHA256 instead of a bare SHA-256),
 * so nobody who holds only the database, its superuser included, can forge an
 * event the sealer accepts or recompute a chain that verifies. The first key
 * is current; the others only check what was written before a rotation (every
 * row and chain entry names the key that authenticated it).
 */
export interface ChainKeys {
  readonly currentKeyId: string;
  has(keyId: string): boolean;
  /** HMAC-SHA256 under the named key, over a purpose label and the given parts. Throws ChainKeyError when the key is unknown. */
  mac(keyId: string, purpose: string, ...parts: (Buffer | string)[]): Buffer;
}

/** A chain key is missing, malformed or unknown. The message never contains key material. */
export class ChainKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChainKeyError';
  }
}

export interface ChainKey {
  readonly id: string;
  /** At least 32 random bytes. */
  readonly key: Buffer;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function createChainKeys(keys: readonly ChainKey[]): ChainKeys {
  if (keys.length === 0) throw new ChainKeyError('at least one chain key is required');
  const byId = new Map<string, Buffer>();
  for (const { id, key } of keys) {
    if (!KEY_ID.test(id)) throw new ChainKeyError(`chain key id "${id}" must be 1-64 letters, digits, . _ -`);
    if (key.length < 32) throw new ChainKeyError(`chain key ${id} must be at least 32 bytes, not ${key.length}`);
    if (byId.has(id)) throw new ChainKeyError(`chain key id ${id} is given twice`);
    byId.set(id, Buffer.from(key));
  }
  return {
    currentKeyId: keys[0]!.id,
    has: (keyId) => byId.has(keyId),
    mac(keyId, purpose, ...parts) {
      const key = byId.get(keyId);
      if (!key) throw new ChainKeyError(`chain key ${keyId} is not configured`);
      const hmac = createHmac('sha256', key).update(`traiettorie:${purpose}\u0000`);
      for (const part of parts) {
        // Length-prefixed, so no two different part lists give the same input.
        const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
        const length = Buffer.alloc(4);
        length.writeUInt32BE(bytes.length);
        hmac.update(length).update(bytes);
      }
      return hmac.digest();
    },
  };
}

/** A stable id for a key given without one: a fingerprint that reveals nothing usable about the key. */
export function chainKeyFingerprint(key: Buffer): string {
  return keyFingerprint('chain', 'chain-key-id', key);
}

/** Parses keys written as `[id:]base64`, separated by commas or whitespace; the first is current. */
export function parseChainKeys(text: string, origin: string): ChainKey[] {
  return parseKeyList(text, origin, chainKeyRules);
}

/**
 * The development chain key: public (it is in this source file), so a chain
 * under it proves nothing. Used only when `TRAIETTORIE_DEV_CHAIN_KEY=1` is set
 * explicitly and no real key is configured.
 */
export const DEVELOPMENT_CHAIN_KEY: ChainKey = Object.freeze({
  id: 'dev-insecure',
  key: createHash('sha256').update('traiettorie development chain key: never use in production').digest(),
});

const chainKeyRules: KeyListRules = {
  variable: 'TRAIETTORIE_CHAIN_KEY',
  developmentFlag: 'TRAIETTORIE_DEV_CHAIN_KEY',
  what: 'chain key',
  idPrefix: 'chain',
  fingerprintLabel: 'chain-key-id',
  length: { atLeast: 32 },
  get development() {
    return DEVELOPMENT_CHAIN_KEY;
  },
  error: (message) => new ChainKeyError(message),
};

/**
 * The chain keys from the environment:
 * - `TRAIETTORIE_CHAIN_KEY`: `[id:]base64` of at least 32 bytes; several, comma-separated, for a rotation (the first is current);
 * - or `TRAIETTORIE_CHAIN_KEY_FILE`: a file holding the same (a mounted secret);
 * - or, for development only, `TRAIETTORIE_DEV_CHAIN_KEY=1`: the public development key.
 * Without any of them it throws: an appending service must not write events the sealer would refuse.
 */
export function chainKeysFromEnv(env: NodeJS.ProcessEnv = process.env): ChainKeys {
  return createChainKeys(keyListFromEnv(env, chainKeyRules));
}

/** What an append authenticates of an event: everything the appending service decides (the database assigns positions, transaction and time). */
export interface AppendedContent {
  streamId: string;
  eventId: string;
  type: string;
  data: unknown;
  metadata: unknown;
  keyId: string | null;
  /** The protected fields' ciphertext, base64. */
  protected: string | null;
}

/**
 * The append MAC: HMAC-SHA256 over the RFC 8785 canonical JSON of the event's
 * content, computed by the appending service before the INSERT. The same
 * function recomputes it from a stored row: jsonb read back parses to the same
 * values, which canonicalize to the same text.
 */
export function appendMac(keys: ChainKeys, keyId: string, content: AppendedContent): Buffer {
  const canonical = canonicalize([
    content.streamId,
    content.eventId.toLowerCase(),
    content.type,
    content.data,
    content.metadata,
    content.keyId,
    content.protected,
  ]);
  if (canonical === undefined) throw new ChainKeyError('an event without content cannot be authenticated');
  return keys.mac(keyId, 'append-v1', canonical);
}

export function sameMac(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
