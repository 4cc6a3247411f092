#!/usr/bin/env node
/**
 * The auditors' command line: `traiettorie-store verify | seal | migrate`
 * against DATABASE_URL, or the database `npm start` uses when it is not set
 * (the URL in use is printed on stderr, without its password). `verify` exits
 * 1 and names the first broken event when the log was altered; when the log is
 * intact it prints the chain head's position and hash, for the auditor to note.
 */
import pg from 'pg';
import { migrateEventStore } from './migrations.js';
import { createPostgresEventStore } from './postgres-event-store.js';

/** The database `npm start` (infra/start.mjs) gives the services when DATABASE_URL is not set. */
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/traiettorie';

const usage = `usage: traiettorie-store <command>
  verify    recompute the hash chain over the global log; exit 1 at the first break
  seal      extend the hash chain over newly committed events
  migrate   bring the event store's schema to the latest version
environment: DATABASE_URL (default: ${DEFAULT_DATABASE_URL}, the database npm start uses)`;

const command = process.argv[2];
if (!command || !['verify', 'seal', 'migrate'].includes(command)) {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}
const url = process.env['DATABASE_URL'] || DEFAULT_DATABASE_URL;
process.stderr.write(`database: ${withoutPassword(url)}${process.env['DATABASE_URL'] ? ' (DATABASE_URL)' : ' (default; set DATABASE_URL for another)'}\n`);

const pool = new pg.Pool({ connectionString: url, max: 2 });
try {
  const store = createPostgresEventStore(pool);
  if (command === 'migrate') {
    await migrateEventStore(pool);
    process.stdout.write('event store schema is up to date\n');
  } else if (command === 'seal') {
    const result = await store.seal();
    process.stdout.write(`sealed ${result.sealed} event(s); chain head: ${result.head ? await describeEntry(pool, result.head.seq) : 'empty'}\n`);
  } else {
    const started = Date.now();
    let last = 0;
    const result = await store.verify({
      onProgress: (verified) => {
        if (verified - last >= 100_000) {
          process.stderr.write(`verified ${verified} events…\n`);
          last = verified;
        }
      },
    });
    const seconds = (Date.now() - started) / 1000;
    if (result.ok) {
      process.stdout.write(`OK: ${result.verified} events verified in ${seconds.toFixed(1)} s; ${result.unsealed} not sealed yet\n`);
      // The entry verify ended on (entries are numbered from 1 without gaps, or verify would have failed).
      process.stdout.write(`chain head: ${result.verified > 0 ? await describeEntry(pool, result.verified) : 'empty (nothing sealed yet)'}\n`);
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

/** A chain entry as an auditor notes it down: `#seq at global position N, hash <sha-256 hex>`. */
async function describeEntry(db: pg.Pool, seq: number): Promise<string> {
  const { rows } = await db.query<{ global_position: string; hash: string }>(
    `SELECT global_position, encode(hash, 'hex') AS hash FROM event_store.chain WHERE seq = $1`,
    [seq],
  );
  const row = rows[0];
  return row ? `#${seq} at global position ${row.global_position}, hash ${row.hash}` : `#${seq} (not found)`;
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
