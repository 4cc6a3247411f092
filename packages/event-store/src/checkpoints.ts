import canonicalize from 'canonicalize';
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChainCheckpoint, ChainHead } from './event-store.js';

export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

export function signingKeyId(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

function signedBytes(c: Omit<ChainCheckpoint, 'signature'>): Buffer {
  const { seq, globalPosition, hash, keyId, time, signingKeyId: signer } = c;
  return Buffer.from(`traiettorie:chain-checkpoint:${canonicalize({ seq, globalPosition, hash, keyId, time, signingKeyId: signer })}`);
}

export function signChainCheckpoint(head: ChainHead, privateKey: KeyObject, time: Date = new Date()): ChainCheckpoint {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
    throw new CheckpointError('checkpoints are signed with an Ed25519 private key');
  }
  const unsigned = {
    seq: head.seq,
    globalPosition: head.globalPosition,
    hash: head.hash,
    keyId: head.keyId,
    time: time.toISOString(),
    signingKeyId: signingKeyId(privateKey),
  };
  return { ...unsigned, signature: sign(null, signedBytes(unsigned), privateKey).toString('base64') };
}

/** Checks a checkpoint's shape and signature against trusted public keys; throws CheckpointError naming what is wrong. */
export function checkChainCheckpoint(value: unknown, publicKeys: readonly KeyObject[], where: string): ChainCheckpoint {
  const c = value as Partial<ChainCheckpoint> | null;
  if (
    !c ||
    typeof c !== 'object' ||
    !Number.isSafeInteger(c.seq) ||
    c.seq! < 1 ||
    !Number.isSafeInteger(c.globalPosition) ||
    typeof c.hash !== 'string' ||
    !/^[0-9a-f]{64}$/.test(c.hash) ||
    !(c.keyId === null || typeof c.keyId === 'string') ||
    typeof c.time !== 'string' ||
    typeof c.signingKeyId !== 'string' ||
    typeof c.signature !== 'string'
  ) {
    throw new CheckpointError(`${where}: not a chain checkpoint (seq, globalPosition, hash, keyId, time, signingKeyId, signature)`);
  }
  const key = publicKeys.find((k) => signingKeyId(k) === c.signingKeyId);
  if (!key) throw new CheckpointError(`${where}: signed by key ${c.signingKeyId}, which is not trusted`);
  if (!verify(null, signedBytes(c as ChainCheckpoint), key, Buffer.from(c.signature, 'base64'))) {
    throw new CheckpointError(`${where}: the signature does not match (the checkpoint was altered)`);
  }
  return c as ChainCheckpoint;
}

/** Reads a checkpoint file (JSON lines), checking every line's signature; an altered or unsigned line is an error naming it. */
export function readCheckpointFile(file: string, publicKeys: readonly KeyObject[]): ChainCheckpoint[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CheckpointError(`checkpoint file ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  return text
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, n }) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new CheckpointError(`${file} line ${n}: not JSON`);
      }
      return checkChainCheckpoint(parsed, publicKeys, `${file} line ${n}`);
    });
}

/** The newest checkpoint of a file (highest seq), or undefined when the file does not exist or is empty. */
export function lastCheckpoint(file: string, publicKeys: readonly KeyObject[]): ChainCheckpoint | undefined {
  if (!existsSync(file)) return undefined;
  return readCheckpointFile(file, publicKeys).reduce<ChainCheckpoint | undefined>((a, c) => (!a || c.seq > a.seq ? c : a), undefined);
}

/** Appends one checkpoint as a JSON line (the file is opened for appending only, and made 0600 with its directory when missing). */
export function appendCheckpointFile(file: string, checkpoint: ChainCheckpoint): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  appendFileSync(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600, flag: 'a' });
}

/** Ed25519 keys from PEM text or a PEM file's path; several PEM blocks give several keys (rotation). */
export function loadSigningKeys(source: string, kind: 'private' | 'public'): KeyObject[] {
  const text = source.includes('-----BEGIN') ? source : readKeyFile(source);
  const blocks = text.match(/-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----/g) ?? [];
  if (blocks.length === 0) throw new CheckpointError('no PEM key found');
  return blocks.map((pem) => (kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem)));
}

function readKeyFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CheckpointError(`key file ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}
