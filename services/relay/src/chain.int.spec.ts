import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createChainKeys,
  createPostgresEventStore,
  loadSigningKeys,
  provisionEventStore,
  readCheckpointFile,
  checkChainCheckpoint,
  type EventStore,
} from '@traiettorie/event-store';
import { toNewEvent } from '@traiettorie/command-handling';
import { createKafka, createRelayVerifier, generateRelayKeyPair, loadKey, parseBrokers } from '@traiettorie/messaging';
import { createTestDatabase, freePort, requireEnv, sampleEvent, startServiceProcess, uniqueName, waitFor, type ServiceProcess, type TestDatabase } from '@traiettorie/testing';
import type { Consumer } from 'kafkajs';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.js');

interface Health {
  status: string;
  sealing: string;
  published: number;
  chainHead: { seq: number } | null;
  refused?: { globalPosition: number; eventId: string; reason: string };
  lastCheckpoint: { seq: number } | null;
}

/** The relay process as npm start runs it, connected as the app role: it seals, checkpoints, and raises the alarm on a forged row. */
describe('the relay seals the chain and publishes signed checkpoints (ADR 6)', () => {
  let db: TestDatabase;
  let app: pg.Pool;
  let store: EventStore;
  let relay: ServiceProcess;
  let consumer: Consumer;
  let dir: string;
  const chainKey = randomBytes(32);
  const relayKeys = generateRelayKeyPair();
  const prefix = uniqueName('chain');
  const checkpoints: { value: string; headers: Record<string, Buffer | string | undefined> }[] = [];

  const health = async (): Promise<{ code: number; body: Health }> => {
    const response = await fetch(`${relay.url}/health`);
    return { code: response.status, body: (await response.json()) as Health };
  };

  beforeAll(async () => {
    db = await createTestDatabase('relay_chain');
    await provisionEventStore(db.pool);
    app = new pg.Pool({ connectionString: db.appUrl, max: 2 });
    store = createPostgresEventStore(app, { chainKeys: createChainKeys([{ id: 'relay-test', key: chainKey }]) });
    dir = mkdtempSync(path.join(os.tmpdir(), 'relay-chain-'));
    relay = await startServiceProcess({
      name: 'relay',
      script,
      port: await freePort(),
      env: {
        DATABASE_URL: db.appUrl,
        KAFKA_BROKERS: requireEnv('KAFKA_BROKERS'),
        KAFKA_TOPIC_PREFIX: prefix,
        RELAY_NAME: prefix,
        RELAY_SIGNING_KEY: relayKeys.privateKey,
        TRAIETTORIE_KEK: `t:${randomBytes(32).toString('base64')}`,
        TRAIETTORIE_CHAIN_KEY: `relay-test:${chainKey.toString('base64')}`,
        CHAIN_CHECKPOINT_FILE: path.join(dir, 'checkpoints', 'chain.jsonl'),
        CHAIN_CHECKPOINT_INTERVAL_MS: '200',
      },
    });
    const kafka = createKafka({ brokers: parseBrokers(requireEnv('KAFKA_BROKERS')), clientId: 'chain-test' });
    consumer = kafka.consumer({ groupId: `${prefix}-test` });
    await consumer.connect();
    await consumer.subscribe({ topic: `${prefix}.chain-checkpoints`, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        checkpoints.push({ value: message.value!.toString(), headers: message.headers as Record<string, Buffer | undefined> });
      },
    });
  }, 120_000);
  afterAll(async () => {
    await consumer?.disconnect();
    await relay?.stop();
    await app?.end();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seals what the services append, checkpoints the head to a file and a topic, and on a forged row answers 503 naming it while the log is still published', async () => {
    const append = async () => {
      const caseId = randomUUID();
      await store.appendToStream(`case-${caseId}`, [toNewEvent(sampleEvent('EmploymentReferralReceived', { caseId }))]);
    };
    for (let i = 1; i <= 3; i++) await append();
    await waitFor(health, (h) => h.body.chainHead?.seq === 3 && h.body.lastCheckpoint?.seq === 3, { timeoutMs: 30_000, what: 'the head sealed and checkpointed' });
    const publicKeys = loadSigningKeys(relayKeys.publicKey, 'public');
    const file = readCheckpointFile(path.join(dir, 'checkpoints', 'chain.jsonl'), publicKeys);
    expect(file.at(-1)).toMatchObject({ seq: 3, globalPosition: 3 });
    await waitFor(async () => checkpoints.length, (n) => n > 0, { timeoutMs: 30_000, what: 'a checkpoint on the topic' });
    const published = checkpoints.at(-1)!;
    expect(createRelayVerifier(loadKey(relayKeys.publicKey, 'public')).verify(`${prefix}.chain-checkpoints`, { key: 'chain', value: published.value, headers: published.headers })).toMatchObject({ ok: true });
    expect(checkChainCheckpoint(JSON.parse(published.value), publicKeys, 'topic')).toMatchObject({ seq: 3 });
    expect(await store.verify({ against: file })).toMatchObject({ ok: true, verified: 3, checkpoints: file.length });

    // A row written around the store (as the superuser could): the sealer refuses it, the relay says so.
    const forged = randomUUID();
    await db.pool.query(
      `INSERT INTO event_store.events (stream_id, stream_position, event_id, event_type, data, metadata)
       SELECT 'case-x', 1, $1, event_type, data, metadata FROM event_store.events WHERE global_position = 3`,
      [forged],
    );
    await append();
    const alarm = await waitFor(health, (h) => h.code === 503, { timeoutMs: 30_000, what: 'the relay to raise the alarm' });
    expect(alarm.body).toMatchObject({ status: 'alarm', sealing: 'refused', chainHead: { seq: 3 }, refused: { globalPosition: 4, eventId: forged, reason: 'event-unauthenticated' } });
    await waitFor(health, (h) => h.body.published >= 5, { timeoutMs: 30_000, what: 'the log (forged row included) still published' }).catch((error: Error) => {
      throw new Error(`${error.message}\n--- relay output ---\n${relay.output().slice(-4000)}`);
    });
    expect(relay.output()).toContain('ALARM: the sealer refuses to seal');
    const { rows } = await app.query('SELECT reason, global_position::int AS position FROM event_store.chain_alarms');
    expect(rows).toEqual([{ reason: 'event-unauthenticated', position: 4 }]);
    expect((await store.verify()).firstBreak).toMatchObject({ globalPosition: 4, eventId: forged, reason: 'event-unauthenticated' });
  }, 120_000);
});
