import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createKafka, ensureTopics, IDEMPOTENT_PRODUCER } from '@traiettorie/messaging';
import { freePort, waitFor } from '@traiettorie/testing';
import { Kafka } from 'kafkajs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface LocalBroker {
  brokers: string;
  credentials: Record<string, string>;
  stop(): Promise<void>;
}
interface LocalInfra {
  ensureKafka(options: { dataDir: string; port: number; reuseLocal: boolean; credentialsFile: string; log: (line: string) => void }): Promise<LocalBroker>;
}

/**
 * The broker `npm start` keeps (infra/local/kafka.mjs), restarted after a
 * principal's password was rotated in the credentials file: the broker is
 * given the new one through its admin API, the old one is refused, and the
 * topics it held are still there (no reformatting). A broker formatted before
 * SCRAM existed goes through the same path with every principal.
 */
describe('the kept broker’s SCRAM credentials across restarts', () => {
  let infra: LocalInfra;
  let scratch: string;
  let port: number;
  let broker: LocalBroker | undefined;
  const lines: string[] = [];
  const credentialsFile = () => path.join(scratch, 'kafka-credentials.json');
  const start = async () => {
    // A broker of its own, as npm start on a machine without KAFKA_BROKERS.
    const given = process.env['KAFKA_BROKERS'];
    delete process.env['KAFKA_BROKERS'];
    try {
      broker = await infra.ensureKafka({ dataDir: path.join(scratch, 'kafka'), port, reuseLocal: false, credentialsFile: credentialsFile(), log: (l) => lines.push(l) });
    } finally {
      if (given !== undefined) process.env['KAFKA_BROKERS'] = given;
    }
    return broker;
  };
  const as = (b: LocalBroker, username: string, password = b.credentials[username] ?? '') =>
    createKafka({ brokers: [b.brokers], clientId: `rotation-${username}`, sasl: { mechanism: 'scram-sha-512', username, password } });

  beforeAll(async () => {
    infra = (await import(pathToFileURL(path.join(root, 'infra', 'local', 'index.mjs')).href)) as LocalInfra;
    scratch = mkdtempSync(path.join(os.tmpdir(), 'traiettorie-kafka-rotation-'));
    port = await freePort();
  });
  afterAll(async () => {
    await broker?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('gives the broker a rotated password at the next start, refuses the old one, and keeps the topics', async () => {
    const first = await start();
    const relay = as(first, 'relay');
    await ensureTopics(relay, ['traiettorie.social-services']);
    const producer = relay.producer({ ...IDEMPOTENT_PRODUCER });
    await producer.connect();
    await producer.send({ topic: 'traiettorie.social-services', acks: -1, messages: [{ value: 'published before the rotation' }] });
    await producer.disconnect();
    await first.stop();

    const oldPassword = first.credentials['read-models'] ?? '';
    const { ['read-models']: _rotated, ...kept } = JSON.parse(readFileSync(credentialsFile(), 'utf8')) as Record<string, string>;
    writeFileSync(credentialsFile(), JSON.stringify(kept));
    lines.length = 0;
    const second = await start();
    expect(second.credentials['read-models']).not.toBe(oldPassword);
    expect(lines).toContain('Kafka: giving the broker the SCRAM credentials of read-models');

    const stale = new Kafka({ brokers: [second.brokers], clientId: 'stale', retry: { retries: 0 }, sasl: { mechanism: 'scram-sha-512', username: 'read-models', password: oldPassword } }).admin();
    await expect(stale.connect().then(() => stale.listTopics())).rejects.toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
    await stale.disconnect();

    const consumer = as(second, 'read-models').consumer({ groupId: 'read-models', sessionTimeout: 6000, maxWaitTimeInMs: 300 });
    const values: string[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: ['traiettorie.social-services'], fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void values.push(message.value?.toString() ?? '') });
      await waitFor(() => values.length, (n) => n >= 1, { what: 'the message published before the rotation' });
    } finally {
      await consumer.disconnect();
    }
    expect(values).toEqual(['published before the rotation']);
    // The relay's password did not change: it still logs in.
    const relayAdmin = as(second, 'relay').admin();
    await expect(relayAdmin.connect().then(() => relayAdmin.listTopics())).resolves.toContain('traiettorie.social-services');
    await relayAdmin.disconnect();
  });
});
