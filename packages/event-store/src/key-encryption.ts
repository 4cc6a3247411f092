import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { keyFingerprint, keyListFromEnv, parseKeyList, type KeyListRules } from './configured-keys.js';

/**
 * Wraps the per-person data keys with a key-encryption key (KEK) the database
 * never holds, so neither the table, its WAL, its statistics nor a backup give
 * a data key back. Today the KEKs come from configuration; a KMS can implement
 * the same interface later. Each wrapped key is stored with the id of the KEK
 * that wrapped it, so the KEK can be rotated: new keys are wrapped with the
 * current KEK, older ones are unwrapped with the KEK they name until
 * `rewrapDataKeys` moves them to the current one.
 */
export interface KeyWrapper {
  /** The id of the KEK new data keys are wrapped with. */
  readonly currentKekId: string;
  /** Wraps a data key; `context` (the key's id) is bound to the result, so a wrapped key moved to another row fails to open. */
  wrap(dataKey: Buffer, context: string): { kekId: string; wrapped: Buffer };
  /** Unwraps a key wrapped by the named KEK; throws KeyEncryptionKeyError when that KEK is unknown or the key does not open. */
  unwrap(kekId: string, wrapped: Buffer, context: string): Buffer;
}

/** A key-encryption key is missing, malformed, unknown, or does not open a wrapped data key. The message never contains key material. */
export class KeyEncryptionKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyEncryptionKeyError';
  }
}

export interface KeyEncryptionKey {
  readonly id: string;
  /** 32 random bytes (AES-256). */
  readonly key: Buffer;
}

const KEK_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * A KeyWrapper over KEKs held in memory (from configuration or a file): the
 * first is current, the others only unwrap keys wrapped before a rotation.
 * AES-256-GCM with a fresh 96-bit nonce per key; wrapped form: nonce ‖ tag ‖ ciphertext.
 */
export function createConfigKeyWrapper(keks: readonly KeyEncryptionKey[]): KeyWrapper {
  if (keks.length === 0) throw new KeyEncryptionKeyError('at least one key-encryption key is required');
  const byId = new Map<string, Buffer>();
  for (const { id, key } of keks) {
    if (!KEK_ID.test(id)) throw new KeyEncryptionKeyError(`key-encryption key id "${id}" must be 1-64 letters, digits, . _ -`);
    if (key.length !== 32) throw new KeyEncryptionKeyError(`key-encryption key ${id} must be 32 bytes, not ${key.length}`);
    if (byId.has(id)) throw new KeyEncryptionKeyError(`key-encryption key id ${id} is given twice`);
    byId.set(id, Buffer.from(key));
  }
  const currentKekId = keks[0]!.id;
  return {
    currentKekId,
    wrap(dataKey, context) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', byId.get(currentKekId)!, nonce);
      cipher.setAAD(aad(currentKekId, context));
      const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
      return { kekId: currentKekId, wrapped: Buffer.concat([nonce, cipher.getAuthTag(), body]) };
    },
    unwrap(kekId, wrapped, context) {
      const kek = byId.get(kekId);
      if (!kek) throw new KeyEncryptionKeyError(`data key ${context} is wrapped by key-encryption key ${kekId}, which is not configured`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', kek, wrapped.subarray(0, 12));
        decipher.setAAD(aad(kekId, context));
        decipher.setAuthTag(wrapped.subarray(12, 28));
        return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
      } catch {
        throw new KeyEncryptionKeyError(`data key ${context} does not open with key-encryption key ${kekId}`);
      }
    },
  };
}

function aad(kekId: string, context: string): Buffer {
  return Buffer.from(`traiettorie:data-key:${kekId}:${context}`);
}

/** A stable id for a KEK given without one: a fingerprint that reveals nothing usable about the key. */
export function kekFingerprint(key: Buffer): string {
  return keyFingerprint('kek', 'kek-id', key);
}

/**
 * Parses KEKs written as `[id:]base64`, separated by commas or whitespace; the
 * first is current. An entry without an id gets its fingerprint as id.
 */
export function parseKeyEncryptionKeys(text: string, origin: string): KeyEncryptionKey[] {
  return parseKeyList(text, origin, kekRules);
}

/**
 * The development KEK: public (it is in this source file), so anything it
 * wraps is as good as in clear. Used only when `TRAIETTORIE_DEV_KEK=1` is set
 * explicitly and no real KEK is configured.
 */
export const DEVELOPMENT_KEK: KeyEncryptionKey = Object.freeze({
  id: 'dev-insecure',
  key: createHash('sha256').update('traiettorie development key-encryption key: never use in production').digest(),
});

const kekRules: KeyListRules = {
  variable: 'TRAIETTORIE_KEK',
  developmentFlag: 'TRAIETTORIE_DEV_KEK',
  what: 'key-encryption key',
  idPrefix: 'kek',
  fingerprintLabel: 'kek-id',
  length: { exactly: 32 },
  get development() {
    return DEVELOPMENT_KEK;
  },
  error: (message) => new KeyEncryptionKeyError(message),
};

/**
 * The KeyWrapper from the environment:
 * - `TRAIETTORIE_KEK`: `[id:]base64` of 32 bytes; several, comma-separated, for a rotation (the first is current);
 * - or `TRAIETTORIE_KEK_FILE`: a file holding the same (a mounted secret);
 * - or, for development only, `TRAIETTORIE_DEV_KEK=1`: the public development KEK.
 * Without any of them it throws: a process must not start with data keys in clear.
 */
export function keyWrapperFromEnv(env: NodeJS.ProcessEnv = process.env): KeyWrapper {
  return createConfigKeyWrapper(keyListFromEnv(env, kekRules));
}
