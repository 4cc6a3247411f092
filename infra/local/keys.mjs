import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The secrets a hub needs, made once and kept (mode 0600) in `dir`:
 * - the relay's Ed25519 signing key pair (RELAY_SIGNING_KEY, RELAY_PUBLIC_KEYS);
 * - the key-encryption key that wraps the per-person data keys
 *   (TRAIETTORIE_KEK_FILE), which the database never holds;
 * - the chain key that authenticates appends and keys the hash chain
 *   (TRAIETTORIE_CHAIN_KEY_FILE, ADR 6), which the database never holds either;
 * - the local authority's RSA signing key (AUTHORITY_SIGNING_KEYS) and one RSA
 *   key pair per client in `clientIds` (`clients/<id>.pem`, what `npm run
 *   token` signs with), their public halves in `clients/public-keys.json`
 *   (TRAIETTORIE_CLIENT_KEYS_FILE: the authority checks client assertions and
 *   the services tracking evidences against it).
 * Variables already set in `env` win. Returns the variables to pass on.
 */
export function ensureKeys(dir, { log, env = process.env, clientIds = [] } = {}) {
  const out = {};
  const write = (file, content) => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, content, { mode: 0o600 });
    chmodSync(file, 0o600);
  };
  if (!(env.RELAY_SIGNING_KEY && env.RELAY_PUBLIC_KEYS)) {
    const privateFile = path.join(dir, 'relay-signing-key.pem');
    const publicFile = path.join(dir, 'relay-public-key.pem');
    if (!existsSync(privateFile) || !existsSync(publicFile)) {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      write(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
      write(publicFile, publicKey.export({ type: 'spki', format: 'pem' }));
      log?.(`made the relay's signing key pair in ${dir}`);
    }
    Object.assign(out, { RELAY_SIGNING_KEY: privateFile, RELAY_PUBLIC_KEYS: publicFile });
  }
  if (!(env.TRAIETTORIE_KEK || env.TRAIETTORIE_KEK_FILE)) {
    const file = path.join(dir, 'key-encryption-key');
    if (!existsSync(file)) {
      write(file, `local-1:${randomBytes(32).toString('base64')}\n`);
      log?.(`made the key-encryption key in ${file}: keep it, and back it up apart from the database`);
    }
    out.TRAIETTORIE_KEK_FILE = file;
  }
  if (!(env.TRAIETTORIE_CHAIN_KEY || env.TRAIETTORIE_CHAIN_KEY_FILE)) {
    const file = path.join(dir, 'chain-key');
    if (!existsSync(file)) {
      write(file, `local-1:${randomBytes(32).toString('base64')}\n`);
      log?.(`made the chain key in ${file}: keep it (verify needs it), and back it up apart from the database`);
    }
    out.TRAIETTORIE_CHAIN_KEY_FILE = file;
  }
  if (!env.AUTHORITY_SIGNING_KEYS) {
    const file = path.join(dir, 'authority-signing-key-1.pem');
    if (!existsSync(file)) {
      write(file, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
      log?.(`made the local authority's signing key in ${file}`);
    }
    out.AUTHORITY_SIGNING_KEYS = file;
  }
  if (!env.TRAIETTORIE_CLIENT_KEYS_FILE) {
    const clientsDir = path.join(dir, 'clients');
    const seedFile = path.join(clientsDir, 'public-keys.json');
    const seed = existsSync(seedFile) ? JSON.parse(readFileSync(seedFile, 'utf8')) : {};
    let made = 0;
    for (const clientId of clientIds) {
      const file = path.join(clientsDir, `${clientId}.pem`);
      if (!existsSync(file)) {
        mkdirSync(clientsDir, { recursive: true, mode: 0o700 });
        write(file, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
        made += 1;
      }
      const publicJwk = createPublicKey(createPrivateKey(readFileSync(file, 'utf8'))).export({ format: 'jwk' });
      seed[clientId] = { ...publicJwk, alg: 'RS256', use: 'sig', kid: `${clientId}-1` };
    }
    mkdirSync(clientsDir, { recursive: true, mode: 0o700 });
    write(seedFile, `${JSON.stringify(seed, null, 2)}\n`);
    if (made) log?.(`made ${made} demo client key pair(s) in ${clientsDir}`);
    out.TRAIETTORIE_CLIENT_KEYS_FILE = seedFile;
  }
  return out;
}
