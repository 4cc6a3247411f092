#!/usr/bin/env node
/**
 * The auditors' command line: `traiettorie-store verify | seal | migrate`
 * against DATABASE_URL. `verify` exits 1 and names the first broken event
 * when the log was altered.
 */
import pg from 'pg';
import { migrateEventStore } from './migrations.js';
import { createPostgresEventStore } from './postgres-event-store.js';

const usage = `usage: traiettorie-store <command>
  verify    recompute the hash chain over the global log; exit 1 at the first break
  seal      extend the hash chain over newly committed events
  migrate   bring the event store's schema to the latest version
environment: DATABASE_URL (required)`;

const command = process.argv[2];
const url = process.env['DATABASE_URL'];
if (!command || !['verify', 'seal', 'migrate'].includes(command) || !url) {
  process.stderr.write(`${url ? '' : 'DATABASE_URL is not set\n'}${usage}\n`);
  process.exit(2);
}

const pool = new pg.Pool({ connectionString: url, max: 2 });
try {
  const store = createPostgresEventStore(pool);
  if (command === 'migrate') {
    await migrateEventStore(pool);
    process.stdout.write('event store schema is up to date\n');
  } else if (command === 'seal') {
    const result = await store.seal();
    process.stdout.write(`sealed ${result.sealed} event(s); chain head: ${result.head ? `#${result.head.seq} at position ${result.head.globalPosition}` : 'empty'}\n`);
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
