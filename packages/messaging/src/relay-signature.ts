import { relaySignatureHeaders } from '@traiettorie/contracts';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The relay's signature on every message it publishes to the hub's outbound
 * topics. Consumers act only on messages that carry a valid one, so a message
 * produced to those topics by anyone else (a leaked credential, a misconfigured
 * agency system) never reaches a read model or a policy: the outbound topics
 * carry only what the event store holds.
 *
 * Ed25519: the relay alone holds the private key; consumers hold public keys
 * only, so no consumer can forge a message. Several public keys may be trusted
 * at once (rotation: publish the new public key to consumers, then switch the
 * relay's private key, then retire the old public key).
 *
 * The signature covers the topic, the key, every header but the signature
 * itself (the CloudEvents attributes, among them the event id, and the
 * event's global position in the store) and the value's bytes.
 */
export const [SIGNATURE_HEADER, KEY_ID_HEADER, POSITION_HEADER] = relaySignatureHeaders;

type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;

export interface SignableMessage {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, HeaderValue>;
}

export interface RelaySigner {
  readonly keyId: string;
  /** The headers to add to a message: key id, global position and the signature over all of it. */
  sign(topic: string, message: SignableMessage, globalPosition: number): Record<string, string>;
}

export type VerificationResult = { ok: true; keyId: string; globalPosition: number } | { ok: false; reason: string };

export interface RelayVerifier {
  readonly keyIds: readonly string[];
  verify(topic: string, message: SignableMessage): VerificationResult;
}

/** A key's id: the first 16 hex digits of the SHA-256 of its public key (SPKI DER). */
export function relayKeyId(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

export function createRelaySigner(privateKey: KeyObject): RelaySigner {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error('the relay signing key must be an Ed25519 private key');
  }
  const keyId = relayKeyId(privateKey);
  return {
    keyId,
    sign(topic, message, globalPosition) {
      const headers = { [KEY_ID_HEADER]: keyId, [POSITION_HEADER]: String(globalPosition) };
      const signed = { ...message, headers: { ...message.headers, ...headers } };
      const signature = sign(null, signedBytes(topic, signed), privateKey).toString('base64');
      return { ...headers, [SIGNATURE_HEADER]: signature };
    },
  };
}

export function createRelayVerifier(publicKeys: readonly KeyObject[]): RelayVerifier {
  if (publicKeys.length === 0) throw new Error('at least one relay public key is needed to verify messages');
  const byId = new Map<string, KeyObject>();
  for (const key of publicKeys) {
    const publicKey = key.type === 'private' ? createPublicKey(key) : key;
    if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error('relay public keys must be Ed25519 keys');
    byId.set(relayKeyId(publicKey), publicKey);
  }
  return {
    keyIds: [...byId.keys()],
    verify(topic, message) {
      const signature = headerText(message.headers?.[SIGNATURE_HEADER]);
      const keyId = headerText(message.headers?.[KEY_ID_HEADER]);
      const position = headerText(message.headers?.[POSITION_HEADER]);
      if (signature === undefined || keyId === undefined || position === undefined) {
        return { ok: false, reason: 'the message carries no relay signature' };
      }
      const key = byId.get(keyId);
      if (!key) return { ok: false, reason: 'the message is signed with a key that is not a trusted relay key' };
      if (!/^[1-9][0-9]{0,15}$/.test(position)) return { ok: false, reason: 'the relay position header is not a global position' };
      const valid = verify(null, signedBytes(topic, message), key, Buffer.from(signature, 'base64'));
      if (!valid) return { ok: false, reason: 'the relay signature does not match the message' };
      return { ok: true, keyId, globalPosition: Number(position) };
    },
  };
}

/** What is signed: topic, key, every header except the signature (sorted by name) and the value, length-prefixed. */
function signedBytes(topic: string, message: SignableMessage): Buffer {
  const parts: Buffer[] = [Buffer.from('traiettorie-relay-signature-v1')];
  const add = (value: Buffer | string | null | undefined) => {
    if (value === null || value === undefined) {
      parts.push(Buffer.from([0]));
      return;
    }
    const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value);
    const length = Buffer.alloc(5);
    length.writeUInt8(1, 0);
    length.writeUInt32BE(bytes.length, 1);
    parts.push(length, bytes);
  };
  add(topic);
  add(message.key ?? null);
  const names = Object.keys(message.headers ?? {})
    .filter((name) => name !== SIGNATURE_HEADER)
    .sort();
  add(String(names.length));
  for (const name of names) {
    add(name);
    add(headerText(message.headers?.[name]) ?? null);
  }
  add(message.value);
  return Buffer.concat(parts);
}

function headerText(value: HeaderValue): string | undefined {
  // A repeated header is ambiguous: refuse to pick one.
  if (Array.isArray(value)) return value.length === 1 ? String(value[0]) : undefined;
  return value === undefined ? undefined : value.toString();
}

/** Reads a key from PEM text (inline) or a file path; `kind` says which it must be. */
export function loadKey(source: string, kind: 'private' | 'public'): KeyObject[] {
  const text = source.includes('-----BEGIN') ? source : readFileSync(source, 'utf8');
  const blocks = text.match(/-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----/g) ?? [];
  if (blocks.length === 0) throw new Error(`no PEM key found in ${source.includes('-----BEGIN') ? 'the given text' : source}`);
  return blocks.map((block) => (kind === 'private' ? createPrivateKey(block) : createPublicKey(block)));
}

/** A new Ed25519 key pair as PEM texts, for `npm start`, tests and operators. */
export function generateRelayKeyPair(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
