import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Queryable } from './postgres-event-store.js';

/**
 * Which fields of an event's data are personal or special-category data, as
 * dot paths inside `data` (the contracts' classification says which). A path
 * through an array protects the whole array.
 */
export interface PersonalDataPolicy {
  protectedPaths(eventType: string): readonly string[];
}

/** Where per-person data keys live: a table now, a KMS later. */
export interface KeyStore {
  /** The person's data key, created on first use. */
  keyFor(personRef: string, db: Queryable): Promise<{ keyId: string; key: Buffer }>;
  keysById(keyIds: string[], db: Queryable): Promise<Map<string, Buffer>>;
  /** Destroys the person's key: their protected fields become unreadable for good. */
  forget(personRef: string, db: Queryable): Promise<boolean>;
}

/** Keys in `event_store.person_keys`, found by a digest of the person reference (never the reference itself). */
export const tableKeyStore: KeyStore = {
  async keyFor(personRef, db) {
    const digest = personDigest(personRef);
    await db.query(
      `INSERT INTO event_store.person_keys (key_id, person_digest, data_key) VALUES (gen_random_uuid(), $1, $2)
       ON CONFLICT (person_digest) DO NOTHING`,
      [digest, randomBytes(32)],
    );
    const { rows } = await db.query<{ key_id: string; data_key: Buffer }>(
      'SELECT key_id::text, data_key FROM event_store.person_keys WHERE person_digest = $1',
      [digest],
    );
    return { keyId: rows[0]!.key_id, key: rows[0]!.data_key };
  },
  async keysById(keyIds, db) {
    if (keyIds.length === 0) return new Map();
    const { rows } = await db.query<{ key_id: string; data_key: Buffer }>(
      'SELECT key_id::text, data_key FROM event_store.person_keys WHERE key_id = ANY($1::uuid[])',
      [keyIds],
    );
    return new Map(rows.map((r) => [r.key_id, r.data_key]));
  },
  async forget(personRef, db) {
    const { rowCount } = await db.query('DELETE FROM event_store.person_keys WHERE person_digest = $1', [personDigest(personRef)]);
    return (rowCount ?? 0) > 0;
  },
};

function personDigest(personRef: string): Buffer {
  return createHash('sha256').update(`traiettorie:person:${personRef}`).digest();
}

/** The envelope's person reference is itself personal data: always protected when present. */
const PERSON_REF = 'personref';

export interface ProtectedEvent {
  data: unknown;
  metadata: Record<string, unknown>;
  /** The protected values, by path (`data.x.y` or `metadata.personref`), to encrypt. */
  secret: Record<string, unknown> | undefined;
  personRef: string | undefined;
}

/** Splits an event into what is stored in clear and the personal values to encrypt. */
export function separatePersonalData(
  type: string,
  data: unknown,
  metadata: Record<string, unknown>,
  policy: PersonalDataPolicy | undefined,
): ProtectedEvent {
  const personRef = typeof metadata[PERSON_REF] === 'string' ? (metadata[PERSON_REF] as string) : undefined;
  if (!policy || !personRef) return { data, metadata, secret: undefined, personRef: undefined };
  const secret: Record<string, unknown> = {};
  const clearData = structuredClone(data);
  for (const path of policy.protectedPaths(type)) {
    const taken = take(clearData, fieldPath(path));
    if (taken !== undefined) secret[`data.${fieldPath(path).join('.')}`] = taken;
  }
  const { [PERSON_REF]: ref, ...clearMetadata } = metadata;
  secret[`metadata.${PERSON_REF}`] = ref;
  return { data: clearData, metadata: clearMetadata, secret, personRef };
}

/** Puts decrypted values back; with no key (forgotten), sets them to null and lists them under `metadata.erased`. */
export function restorePersonalData(
  data: unknown,
  metadata: Record<string, unknown>,
  secret: Record<string, unknown> | undefined,
  erasedPaths: string[] | undefined,
): { data: unknown; metadata: Record<string, unknown> } {
  const whole = { data, metadata: { ...metadata } } as Record<string, unknown>;
  if (secret) for (const [path, value] of Object.entries(secret)) put(whole, path.split('.'), value);
  if (erasedPaths) {
    for (const path of erasedPaths) put(whole, path.split('.'), null);
    (whole['metadata'] as Record<string, unknown>)['erased'] = erasedPaths;
  }
  return whole as { data: unknown; metadata: Record<string, unknown> };
}

/** AES-256-GCM; the event id is the associated data, so a ciphertext moved to another event fails to open. */
export function encryptSecret(secret: Record<string, unknown>, key: Buffer, eventId: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(eventId));
  const body = Buffer.concat([cipher.update(JSON.stringify(secret), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function decryptSecret(sealed: Buffer, key: Buffer, eventId: string): Record<string, unknown> {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(eventId));
  decipher.setAuthTag(sealed.subarray(12, 28));
  const plain = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
}

/** `data.a.b` or `a.b` → ['a', 'b']; a path through an array stops at the array. */
export function fieldPath(path: string): string[] {
  const segments = path.replace(/^data\./, '').split('.');
  const end = segments.findIndex((s) => s === '[]' || s === '*' || /^\d+$/.test(s));
  return end === -1 ? segments : segments.slice(0, end);
}

function take(target: unknown, path: string[]): unknown {
  let node = target as Record<string, unknown> | undefined;
  for (const segment of path.slice(0, -1)) {
    const next = node?.[segment];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) return undefined;
    node = next as Record<string, unknown>;
  }
  const last = path.at(-1)!;
  if (!node || !(last in node)) return undefined;
  const value = node[last];
  delete node[last];
  return value;
}

function put(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const segment of path.slice(0, -1)) {
    if (typeof node[segment] !== 'object' || node[segment] === null) node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  node[path.at(-1)!] = value;
}
