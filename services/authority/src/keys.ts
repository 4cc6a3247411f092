import type { ClientRegistration } from '@traiettorie/access';
import { demoClients } from '@traiettorie/access';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { JWK } from 'jose';

/** PEM text, or the path of a file holding it. */
export function pemOf(value: string): string {
  return value.includes('-----BEGIN') ? value : readFileSync(value, 'utf8');
}

/**
 * The client registry: `demoClients` unless TRAIETTORIE_CLIENTS_FILE names a
 * JSON array of registrations (the shape of `ClientRegistration`).
 */
export function loadClients(env: NodeJS.ProcessEnv = process.env): readonly ClientRegistration[] {
  const file = env['TRAIETTORIE_CLIENTS_FILE'];
  if (!file) return demoClients;
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`TRAIETTORIE_CLIENTS_FILE: ${file} is not a JSON array of client registrations`);
  return parsed as ClientRegistration[];
}

/**
 * The clients' public keys, by client id: a JSON object `{ "<clientId>": JWK | JWK[] }`
 * in the file TRAIETTORIE_CLIENT_KEYS_FILE names (`npm start` writes one for the demo clients).
 */
export function loadClientKeys(file: string): Map<string, JWK[]> {
  if (!existsSync(file)) throw new Error(`TRAIETTORIE_CLIENT_KEYS_FILE: ${file} does not exist`);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, JWK | JWK[]>;
  return new Map(Object.entries(parsed).map(([clientId, keys]) => [clientId, Array.isArray(keys) ? keys : [keys]]));
}

/** An RSA signing key with its public JWK, its `kid` the key's RFC 7638 thumbprint-like stable name. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: JWK;
}

/** Loads PEM private keys (PEM blocks, or files' paths comma-separated): the first signs, all are published. */
export function loadSigningKeys(list: string): SigningKey[] {
  const items = list.includes('-----BEGIN')
    ? (list.match(/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g) ?? [])
    : list.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new Error('AUTHORITY_SIGNING_KEYS: no key');
  return items.map((item, index) => {
    const privateKey = createPrivateKey(pemOf(item));
    if (privateKey.asymmetricKeyType !== 'rsa') throw new Error(`AUTHORITY_SIGNING_KEYS: key ${index + 1} is not an RSA key`);
    const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
    return { kid: kidOf(publicJwk), privateKey, publicJwk: { ...publicJwk, kid: kidOf(publicJwk), alg: 'RS256', use: 'sig' } };
  });
}

/** A short stable key id from the modulus. */
function kidOf(jwk: JWK): string {
  return `authority-${(jwk.n ?? '').slice(0, 16)}`;
}
