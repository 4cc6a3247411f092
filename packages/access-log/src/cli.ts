#!/usr/bin/env node
/**
 * The auditors' question, "who saw this person's data, when, and why":
 * `npm run access-log -- --case <caseId> | --person <personRef> [--from <ISO>] [--before <ISO>] [--json]`
 * lists the access log's records (ADR 12) from the event store at
 * DATABASE_URL (default: the database `npm start` uses), one line each. It
 * opens sealed fields with the key-encryption key (TRAIETTORIE_KEK,
 * TRAIETTORIE_KEK_FILE, or TRAIETTORIE_DEV_KEK=1 in development); a forgotten
 * person's records show `(erased)` where their personal fields were.
 */
import { catalogueClassification } from '@traiettorie/contracts';
import { createPostgresEventStore, keyWrapperFromEnv } from '@traiettorie/event-store';
import pg from 'pg';
import { readAccessLog, type AccessLogQuery, type AccessRecord } from './read-access-log.js';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/traiettorie';
const usage = `usage: npm run access-log -- (--case <caseId> | --person <personRef>) [--from <ISO time>] [--before <ISO time>] [--json]
  lists who read the case's or the person's data, when, for which purpose, and what was disclosed
environment: DATABASE_URL (default ${DEFAULT_DATABASE_URL}); TRAIETTORIE_KEK, TRAIETTORIE_KEK_FILE or TRAIETTORIE_DEV_KEK=1`;

const args = process.argv.slice(2);
function option(name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (!value || value.startsWith('--')) fail(`${name} needs a value`);
  return value;
}
function fail(message: string): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}
function date(name: string): Date | undefined {
  const value = option(name);
  if (value === undefined) return undefined;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) fail(`${name}: not an ISO date or time: ${value}`);
  return parsed;
}

const caseId = option('--case');
const personRef = option('--person');
if (!caseId && !personRef) fail('name a case (--case) or a person (--person)');
const from = date('--from');
const before = date('--before');
const query: AccessLogQuery = {
  ...(caseId ? { caseId } : {}),
  ...(personRef ? { personRef } : {}),
  ...(from ? { from } : {}),
  ...(before ? { before } : {}),
};

const shown = (value: unknown) => (value === null ? '(erased)' : Array.isArray(value) ? value.join(' ') || '-' : String(value ?? '-'));
function line(record: AccessRecord): string {
  const d = record.data as Record<string, Record<string, unknown> | unknown>;
  const reader = d['reader'] as Record<string, unknown>;
  const operator = d['operator'] as Record<string, unknown> | undefined;
  return [
    record.time,
    `case ${record.caseId}`,
    `person ${shown(record.personRef)}`,
    `reader ${shown(reader['clientId'])} (${shown(reader['kind'])} ${shown(reader['agencyId'])})`,
    `operator ${operator ? `${shown(operator['userID'])} at ${shown(operator['userLocation'])} ${shown(operator['LoA'])}` : '-'}`,
    `purpose ${shown(d['purposeId'])}`,
    `voucher ${shown(d['voucherId'])}`,
    shown(d['route']),
    `outcome ${shown(d['outcome'])}`,
    `disclosed ${shown(d['disclosed'])}`,
    `redacted ${shown(d['redacted'])}`,
  ].join(' | ');
}

const pool = new pg.Pool({ connectionString: process.env['DATABASE_URL'] || DEFAULT_DATABASE_URL, max: 2 });
try {
  const store = createPostgresEventStore(pool, { personalData: catalogueClassification, keyEncryptionKey: keyWrapperFromEnv() });
  const records = await readAccessLog(store, query);
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
  else {
    for (const record of records) process.stdout.write(`${line(record)}\n`);
    process.stderr.write(`${records.length} access record(s)\n`);
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await pool.end();
}
