import { IllegalStateError, ValidationError, type ValidationIssue } from '@traiettorie/contracts';
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import type { KeyWrapper } from './key-encryption.js';
import type { Queryable } from './event-store.js';

/**
 * Which fields of an event's data are personal or special-category data, as
 * dot paths inside `data` (the contracts' classification says which). A path
 * through an array protects the whole array.
 */
export interface PersonalDataPolicy {
  protectedPaths(eventType: string): readonly string[];
  /**
   * Fields whose values are references to persons (`*` for every item of an
   * array or value of a record): each is encrypted under a key of the person it
   * names as well as the event's subject, so it is erased with either.
   */
  personReferencePaths?(eventType: string): readonly string[];
}

export interface PersonKey {
  keyId: string;
  key: Buffer;
}

/** Where per-person data keys live: a table now, a KMS later. */
export interface KeyStore {
  /**
   * The persons' data keys, each created on first use; undefined for a person
   * once forgotten (never a fresh key). All of them in a few statements, however many.
   */
  keysFor(personRefs: readonly string[], db: Queryable): Promise<Map<string, PersonKey | undefined>>;
  /** The keys still alive among these ids; forgotten ones are absent. */
  keysById(keyIds: string[], db: Queryable): Promise<Map<string, Buffer>>;
  /** Destroys the person's key for good and remembers that they are forgotten; true when a key was destroyed. */
  forget(personRef: string, db: Queryable): Promise<boolean>;
}

/**
 * An append carried the person reference of someone already forgotten. Rule
 * (ADR 3): forgetting is final. A forgotten person never gets a fresh key, so
 * nothing new is recorded about them under their reference; a returning person
 * gets a new pseudonymous reference from the Ambito's system. The message
 * names the event, never the reference.
 */
export class PersonForgottenError extends IllegalStateError {
  constructor(readonly eventId: string) {
    super(`event ${eventId}: the person in metadata.personref has been forgotten (erased); nothing more is recorded about them`);
  }
}

/**
 * Keys in `event_store.person_keys`, found by a digest of the person reference
 * (never the reference itself), each wrapped by a key-encryption key the
 * database does not hold. Forgetting sets the key to NULL and keeps the row as
 * the person's tombstone: the unique digest then stops any fresh key for them.
 */
export function createTableKeyStore(wrapper: KeyWrapper): KeyStore {
  const open = (row: KeyRow): Buffer | undefined => {
    if (!row.data_key) return undefined;
    // kek_id NULL: a key written before wrapping (migration 7) and not yet rewrapped.
    return row.kek_id === null ? row.data_key : wrapper.unwrap(row.kek_id, row.data_key, row.key_id);
  };
  const find = async (digests: Buffer[], db: Queryable) =>
    (
      await db.query<KeyRow & { person_digest: Buffer }>(
        'SELECT key_id::text, kek_id, data_key, person_digest FROM event_store.person_keys WHERE person_digest = ANY($1::bytea[])',
        [digests],
      )
    ).rows;
  /** Makes the keys of persons who have none, in digest order (two batches racing on the same persons never wait on each other in a cycle). */
  const create = async (digests: Buffer[], db: Queryable) => {
    const made = [...digests].sort(Buffer.compare).map((digest) => ({ digest, keyId: randomUUID() }));
    const wrapped = made.map(({ keyId }) => wrapper.wrap(randomBytes(32), keyId));
    return (
      await db.query<KeyRow & { person_digest: Buffer }>(
        `INSERT INTO event_store.person_keys (key_id, person_digest, kek_id, data_key)
         SELECT key_id, person_digest, kek_id, data_key
         FROM unnest($1::uuid[], $2::bytea[], $3::text[], $4::bytea[]) WITH ORDINALITY AS made(key_id, person_digest, kek_id, data_key, i)
         ORDER BY i
         ON CONFLICT (person_digest) DO NOTHING
         RETURNING key_id::text, kek_id, data_key, person_digest`,
        [made.map((m) => m.keyId), made.map((m) => m.digest), wrapped.map((w) => w.kekId), wrapped.map((w) => w.wrapped)],
      )
    ).rows;
  };
  return {
    async keysFor(personRefs, db) {
      const digests = new Map([...new Set(personRefs)].map((ref) => [ref, personDigest(ref)]));
      if (digests.size === 0) return new Map();
      const rows = new Map<string, KeyRow>();
      const found = (list: (KeyRow & { person_digest: Buffer })[]) => list.forEach((row) => rows.set(row.person_digest.toString('hex'), row));
      const missing = () => [...digests.values()].filter((digest) => !rows.has(digest.toString('hex')));
      found(await find([...digests.values()], db));
      if (missing().length > 0) found(await create(missing(), db));
      // Those a concurrent writer (or forget's tombstone) put first: rows are never deleted.
      if (missing().length > 0) found(await find(missing(), db));
      if (missing().length > 0) throw new Error('event_store.person_keys lost a row: rows there must never be deleted (forget keeps a tombstone)');
      return new Map(
        [...digests].map(([ref, digest]) => {
          const row = rows.get(digest.toString('hex'))!;
          const key = open(row);
          return [ref, key ? { keyId: row.key_id, key } : undefined];
        }),
      );
    },
    async keysById(keyIds, db) {
      if (keyIds.length === 0) return new Map();
      const { rows } = await db.query<KeyRow>(
        'SELECT key_id::text, kek_id, data_key FROM event_store.person_keys WHERE key_id = ANY($1::uuid[]) AND data_key IS NOT NULL',
        [keyIds],
      );
      return new Map(rows.map((r) => [r.key_id, open(r)!]));
    },
    async forget(personRef, db) {
      const digest = personDigest(personRef);
      for (;;) {
        const destroyed = await db.query(
          `UPDATE event_store.person_keys SET data_key = NULL, kek_id = NULL, forgotten_at = now()
           WHERE person_digest = $1 AND forgotten_at IS NULL`,
          [digest],
        );
        if ((destroyed.rowCount ?? 0) > 0) return true;
        // No live key: leave a tombstone, unless a row appeared meanwhile (then destroy that one).
        const tombstone = await db.query(
          `INSERT INTO event_store.person_keys (key_id, person_digest, forgotten_at) VALUES ($1, $2, now())
           ON CONFLICT (person_digest) DO NOTHING`,
          [randomUUID(), digest],
        );
        if ((tombstone.rowCount ?? 0) > 0) return false;
        const { rows } = await db.query<{ forgotten: boolean }>(
          'SELECT forgotten_at IS NOT NULL AS forgotten FROM event_store.person_keys WHERE person_digest = $1',
          [digest],
        );
        if (rows[0]?.forgotten) return false;
      }
    },
  };
}

interface KeyRow {
  key_id: string;
  kek_id: string | null;
  data_key: Buffer | null;
}

/**
 * Wraps every live data key with the current KEK: keys written before wrapping
 * existed (kek_id NULL) and keys wrapped by an older KEK during a rotation.
 * Run at start-up after `migrateEventStore`; returns how many keys it rewrapped.
 * Once it has run with the new KEK first, the old KEK can be dropped from configuration.
 */
export async function rewrapDataKeys(db: Queryable, wrapper: KeyWrapper): Promise<number> {
  let rewrapped = 0;
  for (;;) {
    const { rows } = await db.query<KeyRow>(
      `SELECT key_id::text, kek_id, data_key FROM event_store.person_keys
       WHERE data_key IS NOT NULL AND kek_id IS DISTINCT FROM $1 LIMIT 500`,
      [wrapper.currentKekId],
    );
    if (rows.length === 0) return rewrapped;
    for (const row of rows) {
      const key = row.kek_id === null ? row.data_key! : wrapper.unwrap(row.kek_id, row.data_key!, row.key_id);
      const { kekId, wrapped } = wrapper.wrap(key, row.key_id);
      // Only if unchanged meanwhile: a concurrent forget wins.
      const { rowCount } = await db.query(
        `UPDATE event_store.person_keys SET kek_id = $2, data_key = $3
         WHERE key_id = $1 AND kek_id IS NOT DISTINCT FROM $4 AND data_key = $5`,
        [row.key_id, kekId, wrapped, row.kek_id, row.data_key],
      );
      rewrapped += rowCount ?? 0;
    }
  }
}

function personDigest(personRef: string): Buffer {
  return createHash('sha256').update(`traiettorie:person:${personRef}`).digest();
}

/** The envelope's person reference is itself personal data: always protected when present. */
const PERSON_REF = 'personref';

/** Values to encrypt together under the keys of `persons` (the subject first), by path (`data.x.y`, `metadata.personref`). */
export interface SecretPart {
  persons: string[];
  secret: Record<string, unknown>;
}

export interface ProtectedEvent {
  data: unknown;
  metadata: Record<string, unknown>;
  /** The subject's fields first, then one part per other person referenced. Empty when nothing is protected. */
  parts: SecretPart[];
  personRef: string | undefined;
}

/**
 * Splits an event into what is stored in clear and the personal values to
 * encrypt. With a policy, an event whose data holds classified fields must
 * name its person in `metadata.personref`: otherwise a ValidationError names
 * `metadata.personref` and the classified fields (never their values), and
 * nothing is stored in clear.
 */
export function separatePersonalData(
  type: string,
  data: unknown,
  metadata: Record<string, unknown>,
  policy: PersonalDataPolicy | undefined,
): ProtectedEvent {
  if (!policy) return { data, metadata, parts: [], personRef: undefined };
  const clearData = structuredClone(data);
  const references = (policy.personReferencePaths?.(type) ?? []).flatMap((path) => locations(clearData, path.split('.')));
  const classified = policy.protectedPaths(type).map(fieldPath).filter((path) => has(clearData, path));
  checkPersonRef(metadata, [...new Set([...classified, ...references.map((r) => r.path)].map((p) => `data.${p.join('.')}`))]);
  const personRef = metadata[PERSON_REF] as string | undefined;
  if (personRef === undefined) return { data: clearData, metadata, parts: [], personRef };

  // Each reference is taken out (a null holds its place) and sealed under the key of the person it names.
  const byPerson = new Map<string, Record<string, unknown>>();
  for (const { path, value } of references) {
    put(clearData as Record<string, unknown>, path, null);
    const secret = byPerson.get(value) ?? {};
    secret[`data.${path.join('.')}`] = value;
    byPerson.set(value, secret);
  }
  const { [PERSON_REF]: ref, ...clearMetadata } = metadata;
  const own: Record<string, unknown> = { [`metadata.${PERSON_REF}`]: ref };
  for (const path of classified) own[`data.${path.join('.')}`] = take(clearData, path);
  const parts: SecretPart[] = [{ persons: [personRef], secret: own }];
  for (const [person, secret] of byPerson) parts.push({ persons: person === personRef ? [personRef] : [personRef, person], secret });
  return { data: clearData, metadata: clearMetadata, parts, personRef };
}

function checkPersonRef(metadata: Record<string, unknown>, classifiedPaths: string[]): void {
  const issues: ValidationIssue[] = [];
  for (const key of Object.keys(metadata)) {
    if (key !== PERSON_REF && key.toLowerCase().replace(/[^a-z]/g, '') === PERSON_REF) {
      issues.push({ path: `metadata.${key}`, rule: 'personref-spelling', message: 'the person reference goes in metadata.personref' });
    }
  }
  const ref = metadata[PERSON_REF];
  if (ref !== undefined && (typeof ref !== 'string' || ref.trim() === '')) {
    issues.push({ path: 'metadata.personref', rule: 'type:string', message: 'must be a non-empty string', received: typeof ref });
  }
  if (typeof ref !== 'string' && classifiedPaths.length > 0) {
    issues.push({
      path: 'metadata.personref',
      rule: 'required-for-classified-data',
      message: `required: the event carries classified fields (${classifiedPaths.join(', ')}), stored only encrypted under the person's key`,
    });
    for (const path of classifiedPaths) {
      issues.push({ path, rule: 'needs-personref', message: 'classified: cannot be stored without metadata.personref' });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues, 'event');
}

/** A sealed part as stored: the keys it needs (in order), the paths it fills, and its ciphertext (none when already erased). */
export interface SealedPart {
  keys: string[];
  paths: string[];
  sealed?: Buffer;
}

const MAGIC = Buffer.from('TRP2');

/**
 * The `protected` column: `TRP2` ‖ u32 header length ‖ header JSON (key ids
 * and paths per part: no personal value) ‖ the parts' ciphertexts. A value
 * without the magic is the single AES-GCM ciphertext of the first format
 * (under the row's `key_id`).
 */
export function encodeProtected(parts: SealedPart[]): Buffer {
  const header = Buffer.from(JSON.stringify(parts.map((p) => ({ keys: p.keys, paths: p.paths, size: p.sealed?.length ?? 0 }))));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  return Buffer.concat([MAGIC, length, header, ...parts.flatMap((p) => (p.sealed ? [p.sealed] : []))]);
}

export function decodeProtected(stored: Buffer): SealedPart[] | undefined {
  if (stored.length < 8 || !stored.subarray(0, 4).equals(MAGIC)) return undefined;
  const length = stored.readUInt32BE(4);
  let header: { keys: string[]; paths: string[]; size: number }[];
  try {
    header = JSON.parse(stored.subarray(8, 8 + length).toString('utf8'));
  } catch {
    return undefined;
  }
  let offset = 8 + length;
  return header.map(({ keys, paths, size }) => {
    const sealed = size > 0 ? stored.subarray(offset, offset + size) : undefined;
    offset += size;
    return { keys, paths, ...(sealed ? { sealed } : {}) };
  });
}

/** One key, or a key derived from several (HKDF-SHA256): a value sealed with it opens only while every one of them lives. */
export function jointKey(keys: Buffer[]): Buffer {
  if (keys.length === 1) return keys[0]!;
  return Buffer.from(hkdfSync('sha256', Buffer.concat(keys), Buffer.alloc(0), 'traiettorie:joint-data-key:v1', 32));
}

/** The associated data of a part: the event and the keys, so a ciphertext moved to another event or key set fails to open. */
export function partContext(eventId: string, keyIds: string[]): string {
  return keyIds.length === 1 ? eventId : `${eventId}|${keyIds.join(',')}`;
}

/** Puts decrypted values back; parts that no longer open (a person forgotten) read as null, listed under `metadata.erased`. */
export function restorePersonalData(
  data: unknown,
  metadata: Record<string, unknown>,
  parts: { paths: string[]; secret: Record<string, unknown> | undefined }[],
): { data: unknown; metadata: Record<string, unknown> } {
  const whole = { data, metadata: { ...metadata } } as Record<string, unknown>;
  const erased: string[] = [];
  for (const { paths, secret } of parts) {
    if (secret) {
      for (const [path, value] of Object.entries(secret)) {
        if (!erased.some((e) => path.startsWith(`${e}.`))) put(whole, path.split('.'), value);
      }
      continue;
    }
    for (const path of paths) {
      if (erased.some((e) => path === e || path.startsWith(`${e}.`))) continue;
      put(whole, path.split('.'), null);
      erased.push(path);
    }
  }
  if (erased.length > 0) (whole['metadata'] as Record<string, unknown>)['erased'] = erased;
  return whole as { data: unknown; metadata: Record<string, unknown> };
}

/** AES-256-GCM; `context` (the event id, and the key ids of a joint key) is the associated data. */
export function encryptSecret(secret: Record<string, unknown>, key: Buffer, context: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(JSON.stringify(secret), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function decryptSecret(sealed: Buffer, key: Buffer, context: string): Record<string, unknown> {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(context));
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

/** Every string value at a path with `*` wildcards (any array item or record value), with its concrete path. */
function locations(root: unknown, pattern: string[]): { path: string[]; value: string }[] {
  const found: { path: string[]; value: string }[] = [];
  const visit = (node: unknown, at: number, path: string[]) => {
    if (at === pattern.length) {
      if (typeof node === 'string') found.push({ path, value: node });
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const segment = pattern[at]!;
    const keys = segment === '*' ? Object.keys(node) : Object.hasOwn(node, segment) ? [segment] : [];
    for (const key of keys) visit((node as Record<string, unknown>)[key], at + 1, [...path, key]);
  };
  visit(root, 0, []);
  return found;
}

function has(target: unknown, path: string[]): boolean {
  let node = target;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, segment)) return false;
    node = (node as Record<string, unknown>)[segment];
  }
  return node !== undefined;
}

function take(target: unknown, path: string[]): unknown {
  let node = target as Record<string, unknown>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string, unknown>;
  const value = node[path.at(-1)!];
  delete node[path.at(-1)!];
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
