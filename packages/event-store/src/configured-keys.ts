import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A secret key given by configuration, with the id stored next to what it protects. */
export interface ConfiguredKey {
  readonly id: string;
  readonly key: Buffer;
}

/**
 * How one kind of configured key is read: the chain key (ADR 6) and the
 * key-encryption key (ADR 3) share the format (`[id:]base64`, several during a
 * rotation, the first current) and the variables' pattern (`<NAME>`,
 * `<NAME>_FILE`, and a public development key behind an explicit flag).
 */
export interface KeyListRules {
  /** The variable, e.g. `TRAIETTORIE_KEK`; `<variable>_FILE` names a file holding the same. */
  variable: string;
  /** The flag that allows the public development key, e.g. `TRAIETTORIE_DEV_KEK`. */
  developmentFlag: string;
  /** What the key is, for messages: `key-encryption key`, `chain key`. */
  what: string;
  /** Prefix of the id given to a key written without one, and the label its fingerprint is salted with. */
  idPrefix: string;
  fingerprintLabel: string;
  /** Bytes the key must have: exactly, or at least. */
  length: { exactly: number } | { atLeast: number };
  development: ConfiguredKey;
  error: (message: string) => Error;
}

/** A stable id for a key given without one: a fingerprint that reveals nothing usable about the key. */
export function keyFingerprint(idPrefix: string, label: string, key: Buffer): string {
  return `${idPrefix}-${createHash('sha256').update(`traiettorie:${label}:`).update(key).digest('hex').slice(0, 16)}`;
}

/** Parses keys written as `[id:]base64`, separated by commas or whitespace; the first is current. */
export function parseKeyList(text: string, origin: string, rules: KeyListRules): ConfiguredKey[] {
  const entries = text.split(/[\s,]+/).filter(Boolean);
  if (entries.length === 0) throw rules.error(`${origin} holds no ${rules.what}`);
  return entries.map((entry, index) => {
    const colon = entry.indexOf(':');
    const encoded = colon === -1 ? entry : entry.slice(colon + 1);
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) {
      throw rules.error(`${origin}: entry ${index + 1} must be base64 (optionally prefixed by "<id>:")`);
    }
    const key = Buffer.from(encoded, 'base64');
    if ('exactly' in rules.length ? key.length !== rules.length.exactly : key.length < rules.length.atLeast) {
      const wanted = 'exactly' in rules.length ? `${rules.length.exactly}` : `at least ${rules.length.atLeast}`;
      throw rules.error(`${origin}: entry ${index + 1} must decode to ${wanted} bytes (openssl rand -base64 32), not ${key.length}`);
    }
    return { id: colon === -1 ? keyFingerprint(rules.idPrefix, rules.fingerprintLabel, key) : entry.slice(0, colon), key };
  });
}

/**
 * The keys from the environment: `<variable>` inline, or `<variable>_FILE` (a
 * mounted secret), or, for development only, `<developmentFlag>=1` for the
 * public development key. Without any of them it throws, naming them.
 */
export function keyListFromEnv(env: NodeJS.ProcessEnv, rules: KeyListRules): ConfiguredKey[] {
  const fileVariable = `${rules.variable}_FILE`;
  const inline = env[rules.variable]?.trim();
  const file = env[fileVariable]?.trim();
  if (inline && file) throw rules.error(`set ${rules.variable} or ${fileVariable}, not both`);
  if (inline) return parseKeyList(inline, rules.variable, rules);
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw rules.error(`${fileVariable} ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    return parseKeyList(text, `${fileVariable} ${file}`, rules);
  }
  if (env[rules.developmentFlag] === '1') return [rules.development];
  throw rules.error(
    `no ${rules.what}: set ${rules.variable} (base64 of 32 random bytes, e.g. \`openssl rand -base64 32\`) ` +
      `or ${fileVariable} (a file holding it); for development only, ${rules.developmentFlag}=1 uses a public key`,
  );
}
