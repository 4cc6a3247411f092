import { loadClientKeys, loadClients, loadSigningKeys } from './keys.js';
import type { AuthorityOptions } from './authority.js';

/** The authority's configuration from the environment, naming what is missing. */
export function loadAuthorityConfig(env: NodeJS.ProcessEnv = process.env): AuthorityOptions & { port: number; host: string } {
  const required = (name: string, hint: string): string => {
    const value = env[name];
    if (!value) throw new Error(`invalid configuration:\n  ${name}: required: ${hint}`);
    return value;
  };
  const port = Number(env['PORT'] ?? env['AUTHORITY_PORT'] ?? 3010);
  const host = env['HOST'] ?? '127.0.0.1';
  const issuer = env['AUTHORITY_ISSUER'] ?? `http://127.0.0.1:${port}`;
  const ttl = Number(env['VOUCHER_TTL_SECONDS'] ?? 600);
  if (!Number.isInteger(ttl) || ttl < 10 || ttl > 3600) throw new Error('invalid configuration:\n  VOUCHER_TTL_SECONDS: an integer from 10 to 3600');
  return {
    port,
    host,
    issuer,
    tokenAudience: env['AUTHORITY_TOKEN_AUDIENCE'] ?? `${issuer}/token`,
    voucherAudience: env['VOUCHER_AUDIENCE'] ?? 'traiettorie',
    voucherTtlSeconds: ttl,
    signingKeys: loadSigningKeys(required('AUTHORITY_SIGNING_KEYS', "the authority's RSA private key(s), PEM files comma-separated (the first signs); npm start makes one")),
    clients: loadClients(env),
    clientKeys: loadClientKeys(required('TRAIETTORIE_CLIENT_KEYS_FILE', "a JSON file of the clients' public keys by client id; npm start makes one")),
  };
}
