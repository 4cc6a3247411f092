import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createKafka } from '@traiettorie/messaging';
import { createTestDatabase, freePort, uniqueName, waitFor, type TestDatabase } from '@traiettorie/testing';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { alive, hubPorts, type NpmStart, npmStart, type PortVariable, servicePids, tokenHeaders } from './npm-start.js';

/** True when something accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * `npm start` with a broker of its own (as on a fresh machine, no
 * KAFKA_BROKERS), stopped by a signal to npm and started again, then with the
 * broker's data wiped by hand: everything stored must be on Kafka each time.
 */
describe('npm start, stopped and started again', () => {
  let db: TestDatabase;
  let dataDir: string;
  let kafkaPort: number;
  let ports: Record<PortVariable, number>;
  let env: Record<string, string | undefined>;
  const running: NpmStart[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('restart');
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'traiettorie-restart-kafka-'));
    kafkaPort = await freePort();
    ports = await hubPorts();
    env = {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: undefined,
      KAFKA_PORT: String(kafkaPort),
      KAFKA_DATA_DIR: dataDir,
      // The relay's signed chain checkpoints stay with this test, not in the user's cache.
      CHAIN_CHECKPOINT_FILE: path.join(dataDir, 'chain-checkpoints.jsonl'),
      // So do the SCRAM passwords of its broker's principals (issue 10); the test reads as their admin.
      KAFKA_CREDENTIALS_FILE: path.join(dataDir, 'kafka-credentials.json'),
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    };
  });
  afterAll(async () => {
    for (const hub of running) await hub.stop('SIGKILL');
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function start(): NpmStart {
    const hub = npmStart(env);
    running.push(hub);
    return hub;
  }

  async function relayHealth(): Promise<{ published: number; republications: number; active: boolean }> {
    return (await (await fetch(`http://127.0.0.1:${ports.RELAY_PORT}/health`)).json()) as { published: number; republications: number; active: boolean };
  }

  async function storedIds(): Promise<string[]> {
    const { rows } = await db.pool.query<{ event_id: string }>('SELECT event_id::text FROM event_store.events ORDER BY global_position');
    return rows.map((r) => r.event_id);
  }

  /** Event ids on the hub's context topics of the broker npm start runs, read from the beginning. */
  async function idsOnKafka(expected: string[]): Promise<string[]> {
    const { admin: password } = JSON.parse(readFileSync(env['KAFKA_CREDENTIALS_FILE'] ?? '', 'utf8')) as { admin: string };
    const kafka = createKafka({ brokers: [`127.0.0.1:${kafkaPort}`], clientId: 'restart-test', sasl: { mechanism: 'scram-sha-512', username: 'admin', password } });
    const consumer = kafka.consumer({ groupId: uniqueName('restart-reader'), sessionTimeout: 6000, maxWaitTimeInMs: 500 });
    const seen = new Set<string>();
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: ['traiettorie.social-services', 'traiettorie.employment-centre'], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          const id = message.headers?.['ce_id'];
          if (id) seen.add(id.toString());
        },
      });
      await waitFor(() => expected.filter((id) => !seen.has(id)).length, (missing) => missing === 0, {
        what: 'every stored event on Kafka',
        timeoutMs: 60_000,
      }).catch(() => undefined);
      return [...seen];
    } finally {
      await consumer.disconnect();
    }
  }

  async function expectAllStopped(pids: number[]): Promise<void> {
    await waitFor(() => pids.filter(alive), (left) => left.length === 0, { what: 'every service process to exit', timeoutMs: 30_000 });
    const open = async () => (await Promise.all([...Object.values(ports), kafkaPort].map(async (port) => ((await listening(port)) ? [port] : [])))).flat();
    // npm dies of the signal at once; the script it ran stops the broker it started, which takes a few seconds.
    await waitFor(open, (ports) => ports.length === 0, { what: 'every port of the hub and its broker to close', timeoutMs: 60_000 });
  }

  it('keeps every event on Kafka across a restart, refuses a second copy, and republishes after the broker data is wiped', async () => {
    // 1. First start on a fresh machine: no service crashes while the topics are being created.
    const first = start();
    await first.up();
    expect(first.output()).not.toMatch(/exited|restarting|does not host this topic-partition/);

    const social = `http://127.0.0.1:${ports.SOCIAL_SERVICES_PORT}`;
    const opened = await fetch(`${social}/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await tokenHeaders(ports, 'ss-sesto')) },
      body: JSON.stringify({ ambito: 'LOM-SESTO-SAN-GIOVANNI', personRef: 'P-SSG-restart', householdRef: 'H-SSG-0042', measure: 'ADI', referralDate: '2026-10-02', caseManager: 'op-sesto-017' }),
    });
    expect(opened.status).toBe(201);
    const { caseId } = (await opened.json()) as { caseId: string };
    const assessed = await fetch(`${social}/cases/${caseId}/assessment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await tokenHeaders(ports, 'ss-sesto')) },
      body: JSON.stringify({ assessmentKind: 'multidimensional', completedOn: '2026-10-20', dimensionScores: { work: 3 }, referrals: ['employment-centre'], documentRef: 'protocollo/2026/000871' }),
    });
    expect(assessed.status).toBe(201);
    await waitFor(() => relayHealth(), (h) => h.published >= 3, { what: 'the relay to publish the case, the assessment and the referral' });
    const stored = await storedIds();
    expect(stored).toHaveLength(3);

    // 2. SIGTERM to the process the user started (npm), not to the script: everything stops, exit 0.
    const firstPids = await servicePids(ports);
    await first.stop('SIGTERM');
    await expectAllStopped(firstPids);

    // 3. Started again: the broker kept its data, so the topics still hold every stored event.
    const second = start();
    await second.up();
    expect((await idsOnKafka(stored)).sort()).toEqual([...stored].sort());
    expect(await relayHealth()).toMatchObject({ active: true, republications: 0 });

    // 4. A second copy on the same ports fails fast, naming the port and its variable; the first keeps running.
    const copy = start();
    expect(await copy.exited()).not.toBe(0);
    expect(copy.output()).toContain(`port ${ports.SOCIAL_SERVICES_PORT} is in use (set SOCIAL_SERVICES_PORT to another port)`);
    expect(copy.output()).not.toContain('Traiettorie is up.');
    expect((await fetch(`${social}/health`)).status).toBe(200);

    // 5. SIGINT to npm alone (no process group) stops it too.
    const secondPids = await servicePids(ports);
    await second.stop('SIGINT');
    await expectAllStopped(secondPids);

    // 6. The broker's log wiped by hand: the relay notices and publishes the whole store again.
    rmSync(path.join(dataDir, 'log'), { recursive: true, force: true });
    const third = start();
    await third.up();
    await waitFor(() => relayHealth(), (h) => h.republications === 1 && h.published >= 3, { what: 'the relay to republish the store' });
    expect((await idsOnKafka(stored)).sort()).toEqual([...stored].sort());
    const thirdPids = await servicePids(ports);
    await third.stop('SIGTERM');
    await expectAllStopped(thirdPids);
    // Four starts of the whole hub, each with its broker: minutes, not the default two.
  }, 480_000);
});
