import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The secrets a hub needs, made once and kept (mode 0600) in `dir`:
 * - the relay's Ed25519 signing key pair (RELAY_SIGNING_KEY, RELAY_PUBLIC_KEYS);
 * - the key-encryption key that wraps the per-person data keys
 *   (TRAIETTORIE_KEK_FILE), which the database never holds;
 * - the chain key that authenticates appends and keys the hash chain
 *   (TRAIETTORIE_CHAIN_KEY_FILE, ADR 6), which the database never holds either.
 * Variables already set in `env` win. Returns the variables to pass on.
 */
export function ensureKeys(dir, { log, env = process.env } = {}) {
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
  return out;
}
