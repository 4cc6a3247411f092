import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, waitFor, type TestDatabase } from '@traiettorie/testing';
import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { createChainKeys } from './chain-keys.js';
import { appendCheckpointFile, signChainCheckpoint } from './checkpoints.js';
import type { EventStore } from './event-store.js';
import { createPostgresEventStore } from './postgres-event-store.js';
import { provisionEventStore } from './roles.js';

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cli.js');

/** `traiettorie-store verify --against` as an auditor runs it: the app role's URL, the chain key, the relay's checkpoints and public key. */
describe('traiettorie-store verify --against <checkpoints file>', () => {
  let db: TestDatabase;
  let app: pg.Pool;
  let store: EventStore;
  let dir: string;
  const chainKey = `cli-1:${randomBytes(32).toString('base64')}`;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');

  const run = async (...args: string[]) => {
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [cli, ...args], {
        env: { PATH: process.env['PATH'], DATABASE_URL: db.appUrl, TRAIETTORIE_CHAIN_KEY: chainKey },
      });
      return { code: 0, stdout };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout + e.stderr };
    }
  };
  async function tamper(sql: string): Promise<void> {
    const client = await db.pool.connect();
    try {
      await client.query('SET session_replication_role = replica');
      await client.query(sql);
    } finally {
      await client.query('RESET session_replication_role');
      client.release();
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase('chain_cli');
    await provisionEventStore(db.pool);
    app = new pg.Pool({ connectionString: db.appUrl, max: 2 });
    // An idle connection the server closes (e.g. a restart of the shared server) is reopened on next use, not a failure of this suite.
    app.on('error', () => {});
    store = createPostgresEventStore(app, { chainKeys: createChainKeys([{ id: 'cli-1', key: Buffer.from(chainKey.slice(6), 'base64') }]) });
    dir = mkdtempSync(path.join(os.tmpdir(), 'chain-cli-'));
    writeFileSync(path.join(dir, 'relay-public-key.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await app.end();
    await db.drop();
  });

  it('holds the checkpoints of an intact chain, then names a truncation and a rewritten history', async () => {
    for (let i = 1; i <= 8; i++) await store.appendToStream(`case-${i}`, [{ id: randomUUID(), type: 'Noted', data: { n: i } }]);
    const head = (await waitFor(() => store.seal(), (r) => r.head?.seq === 8, { what: 'eight events sealed' })).head!;
    const file = path.join(dir, 'checkpoints.jsonl');
    appendCheckpointFile(file, signChainCheckpoint({ ...head, seq: 4, globalPosition: 4, hash: await hashAt(4) }, privateKey));
    appendCheckpointFile(file, signChainCheckpoint(head, privateKey));
    const key = path.join(dir, 'relay-public-key.pem');

    const intact = await run('verify', '--against', file, '--public-key', key);
    expect(intact).toMatchObject({ code: 0 });
    expect(intact.stdout).toContain('OK: 8 events verified');
    expect(intact.stdout).toContain('2 signed checkpoint(s) held');
    expect(intact.stdout).toContain(`hash ${head.hash}, key cli-1`);

    // Regression to an older head: entries 7 and 8 and their events gone.
    await tamper('DELETE FROM event_store.events WHERE global_position >= 7');
    await tamper('DELETE FROM event_store.chain WHERE seq >= 7');
    expect((await run('verify')).code).toBe(0); // without an anchor outside the database, nothing shows
    const truncated = await run('verify', '--against', file, '--public-key', key);
    expect(truncated.code).toBe(1);
    expect(truncated.stdout).toMatch(/BROKEN after 6 verified events: chain-truncated at chain entry 8/);

    // A rewritten history re-sealed by the real sealer: the older checkpoint no longer matches.
    await tamper('DELETE FROM event_store.chain WHERE seq >= 3');
    await tamper(`UPDATE event_store.events SET recorded_at = recorded_at + interval '1 hour' WHERE global_position = 3`);
    expect((await run('seal')).code).toBe(0);
    const rewritten = await run('verify', '--against', file, '--public-key', key);
    expect(rewritten.code).toBe(1);
    expect(rewritten.stdout).toMatch(/chain-rewritten at chain entry 4/);
  });

  it('refuses to verify without the chain key, saying which variables to set', async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, 'verify'], { env: { PATH: process.env['PATH'], DATABASE_URL: db.appUrl } }).catch(
      (e: { stdout: string; stderr: string }) => e,
    );
    expect(stdout + stderr).toMatch(/TRAIETTORIE_CHAIN_KEY/);
  });

  async function hashAt(seq: number): Promise<string> {
    const { rows } = await app.query<{ hash: string }>(`SELECT encode(hash, 'hex') AS hash FROM event_store.chain WHERE seq = $1`, [seq]);
    return rows[0]!.hash;
  }
});
