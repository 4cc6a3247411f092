#!/usr/bin/env node
/**
 * The auditors' command line: `traiettorie-store verify | seal | migrate | provision`
 * against DATABASE_URL, or the database `npm start` uses when it is not set
 * (the URL in use is printed on stderr, without its password). `verify` exits
 * 1 and names the first broken event when the log was altered; when the log is
 * intact it prints the chain head's position and hash, for the auditor to note.
 * `verify` and `seal` need the chain keys (TRAIETTORIE_CHAIN_KEY or
 * TRAIETTORIE_CHAIN_KEY_FILE): without them the chain cannot be recomputed,
 * which is the point (ADR 6).
 */
import pg from 'pg';
import { chainKeysFromEnv } from './chain-keys.js';
import { loadSigningKeys, readCheckpointFile } from './checkpoints.js';
import type { ChainCheckpoint } from './event-store.js';
import { migrateEventStore } from './migrations.js';
import { createPostgresEventStore } from './postgres-event-store.js';
import { EVENT_STORE_APP_ROLE, EVENT_STORE_OWNER_ROLE, provisionEventStore } from './roles.js';

/** The database `npm start` (infra/start.mjs) gives the services when DATABASE_URL is not set. */
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/traiettorie';

const usage = `usage: traiettorie-store <command> [options]
  verify [--against <checkpoints file> [--public-key <PEM file>]]
            recompute the chain over the global log; exit 1 at the first break. With --against, also
            check the chain still holds every signed checkpoint of the file (the relay's
            CHAIN_CHECKPOINT_FILE): a chain cut back or rewritten is a break. The checkpoints'
            public key: --public-key, else RELAY_PUBLIC_KEYS (PEM text or a file's path)
  seal      extend the chain over newly committed events
  migrate   bring the event store's schema to the latest version (as its owner: set ROLE
            to run it under SET ROLE from a superuser connection); grants APP_ROLE
            (default ${EVENT_STORE_APP_ROLE}, when it exists) its part
  provision as a superuser: create the roles ${EVENT_STORE_OWNER_ROLE} (owns the schema) and
            ${EVENT_STORE_APP_ROLE} (the services' login; APP_PASSWORD sets its password), migrate, grant
environment: DATABASE_URL (default: ${DEFAULT_DATABASE_URL}, the database npm start uses);
  TRAIETTORIE_CHAIN_KEY or TRAIETTORIE_CHAIN_KEY_FILE (the chain keys) for verify and seal`;

const [command, ...args] = process.argv.slice(2);
if (!command || !['verify', 'seal', 'migrate', 'provision'].includes(command)) {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (!value || value.startsWith('--')) {
    process.stderr.write(`${name} needs a value\n${usage}\n`);
    process.exit(2);
  }
  return value;
};
const url = process.env['DATABASE_URL'] || DEFAULT_DATABASE_URL;
process.stderr.write(`database: ${withoutPassword(url)}${process.env['DATABASE_URL'] ? ' (DATABASE_URL)' : ' (default; set DATABASE_URL for another)'}\n`);

const pool = new pg.Pool({ connectionString: url, max: 2 });
try {
  if (command === 'migrate') {
    // The app role gets its grants when it exists (provision makes it); a database without the split is migrated as before.
    const appRole = process.env['APP_ROLE'] || EVENT_STORE_APP_ROLE;
    const { rowCount } = await pool.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [appRole]);
    await migrateEventStore(pool, {
      ...(process.env['ROLE'] ? { asRole: process.env['ROLE'] } : {}),
      ...(rowCount ? { grantTo: appRole } : {}),
    });
    process.stdout.write(`event store schema is up to date${rowCount ? `; ${appRole} may append and read` : ''}\n`);
  } else if (command === 'provision') {
    await provisionEventStore(pool, process.env['APP_PASSWORD'] ? { appPassword: process.env['APP_PASSWORD'] } : {});
    process.stdout.write(`roles ${EVENT_STORE_OWNER_ROLE} (owner) and ${EVENT_STORE_APP_ROLE} (services) are set up; the schema is up to date\n`);
  } else if (command === 'seal') {
    const store = createPostgresEventStore(pool, { chainKeys: chainKeysFromEnv() });
    const result = await store.seal();
    process.stdout.write(`sealed ${result.sealed} event(s); chain head: ${result.head ? describe(result.head) : 'empty'}\n`);
    if (result.refused) {
      const r = result.refused;
      process.stdout.write(`REFUSED: ${r.reason} at global position ${r.globalPosition}${r.eventId ? `, event ${r.eventId}` : ''}\n  ${r.detail}\n`);
      process.exitCode = 1;
    }
  } else {
    const store = createPostgresEventStore(pool, { chainKeys: chainKeysFromEnv() });
    const againstFile = option('--against');
    let against: ChainCheckpoint[] = [];
    if (againstFile) {
      const keySource = option('--public-key') ?? process.env['RELAY_PUBLIC_KEYS'];
      if (!keySource) throw new Error('--against needs the checkpoints\' public key: --public-key <PEM file> or RELAY_PUBLIC_KEYS');
      against = readCheckpointFile(againstFile, loadSigningKeys(keySource, 'public'));
      process.stderr.write(`checkpoints: ${against.length} signed in ${againstFile}\n`);
    }
    const started = Date.now();
    let last = 0;
    const result = await store.verify({
      against,
      onProgress: (verified) => {
        if (verified - last >= 100_000) {
          process.stderr.write(`verified ${verified} events…\n`);
          last = verified;
        }
      },
    });
    const seconds = (Date.now() - started) / 1000;
    if (result.ok) {
      process.stdout.write(
        `OK: ${result.verified} events verified in ${seconds.toFixed(1)} s; ${result.unsealed} not sealed yet (their append MACs checked)` +
          `${result.checkpoints ? `; ${result.checkpoints} signed checkpoint(s) held` : ''}\n`,
      );
      if (result.legacy) process.stdout.write(`  ${result.legacy} of them sealed before keyed chaining (ADR 6): anchored by the keyed entries after them and the checkpoints\n`);
      process.stdout.write(`chain head: ${result.head ? describe(result.head) : 'empty (nothing sealed yet)'}\n`);
    } else {
      const b = result.firstBreak!;
      process.stdout.write(
        `BROKEN after ${result.verified} verified events: ${b.reason} at chain entry ${b.seq}, global position ${b.globalPosition}` +
          `${b.eventId ? `, event ${b.eventId}` : ''}\n  ${b.detail}\n`,
      );
      process.exitCode = 1;
    }
  }
} catch (error) {
  process.stderr.write(`traiettorie-store ${command} failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
} finally {
  await pool.end();
}

/** A chain entry as an auditor notes it down: `#seq at global position N, hash <hex>, key <id>`. */
function describe(head: { seq: number; globalPosition: number; hash: string; keyId: string | null }): string {
  return `#${head.seq} at global position ${head.globalPosition}, hash ${head.hash}, key ${head.keyId ?? '(none: before ADR 6)'}`;
}

function withoutPassword(databaseUrl: string): string {
  try {
    const parsed = new URL(databaseUrl);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparseable URL)';
  }
}
