import { catalogueClassification, parseEvent, type HubEvent } from '@traiettorie/contracts';
import {
  createConfigKeyWrapper,
  createPostgresEventStore,
  provisionEventStore,
  LOG_START,
  type StoredEvent,
} from '@traiettorie/event-store';
import { toCloudEvent } from '@traiettorie/command-handling';
import { generateRelayKeyPair } from '@traiettorie/messaging';
import { isCaseSummaryEvent, projectCaseSummary, type CaseSummary } from '@traiettorie/read-models';
import {
  createTestDatabase,
  freePort,
  requireEnv,
  startServiceProcess,
  uniqueName,
  waitFor,
  type ServiceProcess,
  type TestDatabase,
} from '@traiettorie/testing';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const serviceNames = ['relay', 'social-services', 'employment-centre', 'read-models'] as const;
export type ServiceName = (typeof serviceNames)[number];

/**
 * The whole hub for one test file: a fresh database, its own topics and
 * consumer groups on the run's Kafka broker, and the four services started as
 * separate processes, as `npm start` starts them.
 */
export interface Hub {
  db: TestDatabase;
  /** The hub's own topic prefix and relay key, for tests that act as Kafka clients. */
  prefix: string;
  relayKeys: { privateKey: string; publicKey: string };
  services: Record<ServiceName, ServiceProcess>;
  start(name: ServiceName): Promise<ServiceProcess>;
  stop(): Promise<void>;
  url(name: ServiceName): string;
}

/** Each hub's key-encryption key (TRAIETTORIE_KEK of its services), by its database. */
const keyEncryptionKeys = new WeakMap<TestDatabase, Buffer>();
/** Each hub's chain key (TRAIETTORIE_CHAIN_KEY of its services, ADR 6), by its database. */
const chainKeys = new WeakMap<TestDatabase, Buffer>();

/** The environment the store's CLI needs to verify a hub's chain: its chain key. */
export function chainKeyEnv(db: TestDatabase): Record<string, string> {
  const key = chainKeys.get(db);
  if (!key) throw new Error('chainKeyEnv: this database was not started by startHub');
  return { TRAIETTORIE_CHAIN_KEY: `e2e:${key.toString('base64')}` };
}

export async function startHub(label: string, extraEnv: Partial<Record<ServiceName, Record<string, string>>> = {}): Promise<Hub> {
  const db = await createTestDatabase(label);
  // The roles of ADR 6: the store owned and migrated by traiettorie_owner, the services as traiettorie_app.
  await provisionEventStore(db.pool);
  const kek = randomBytes(32);
  keyEncryptionKeys.set(db, kek);
  chainKeys.set(db, randomBytes(32));
  const prefix = uniqueName(`e2e-${label}`);
  const ports = Object.fromEntries(await Promise.all(serviceNames.map(async (n) => [n, await freePort()]))) as Record<ServiceName, number>;
  const services = {} as Record<ServiceName, ServiceProcess>;
  // The relay's signing key for this hub; the consumers trust its public half.
  const relayKeys = generateRelayKeyPair();
  const start = async (name: ServiceName) => {
    services[name] = await startServiceProcess({
      name,
      script: path.join(root, 'services', name, 'dist', 'main.js'),
      port: ports[name],
      env: {
        DATABASE_URL: db.appUrl,
        KAFKA_BROKERS: requireEnv('KAFKA_BROKERS'),
        KAFKA_TOPIC_PREFIX: prefix,
        KAFKA_GROUP_ID: `${prefix}-${name}`,
        KAFKA_SESSION_TIMEOUT_MS: '6000',
        RELAY_NAME: prefix,
        RELAY_SIGNING_KEY: relayKeys.privateKey,
        RELAY_PUBLIC_KEYS: relayKeys.publicKey,
        TRAIETTORIE_KEK: `e2e:${kek.toString('base64')}`,
        ...chainKeyEnv(db),
        ...extraEnv[name],
      },
    });
    return services[name];
  };
  const hub: Hub = {
    db,
    prefix,
    relayKeys,
    services,
    start,
    url: (name) => `http://127.0.0.1:${ports[name]}`,
    async stop() {
      await Promise.all(Object.values(services).map((s) => s.stop()));
      await db.drop();
    },
  };
  try {
    // The store's schema first (the relay migrates it), then the rest in parallel.
    await start('relay');
    await Promise.all((['social-services', 'employment-centre', 'read-models'] as const).map(start));
  } catch (error) {
    await hub.stop();
    throw error;
  }
  return hub;
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

export async function get(url: string) {
  const response = await fetch(url);
  return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
}

/** Every event in the store's global log, in log order, read (and decrypted) through the store. */
export async function globalLog(db: TestDatabase): Promise<StoredEvent[]> {
  const kek = keyEncryptionKeys.get(db);
  if (!kek) throw new Error('globalLog: this database was not started by startHub, so its key-encryption key is unknown');
  const store = createPostgresEventStore(db.pool, {
    personalData: catalogueClassification,
    keyEncryptionKey: createConfigKeyWrapper([{ id: 'e2e', key: kek }]),
  });
  const events: StoredEvent[] = [];
  let checkpoint = LOG_START;
  for (;;) {
    const batch = await store.readAll({ after: checkpoint, limit: 1000 });
    if (batch.events.length === 0) return events;
    events.push(...batch.events);
    checkpoint = batch.checkpoint;
  }
}

/** The case summaries a read model that never stopped would hold: the projection over the whole log. */
export async function expectedSummaries(db: TestDatabase): Promise<Map<string, CaseSummary>> {
  const summaries = new Map<string, CaseSummary>();
  for (const stored of await globalLog(db)) {
    const event: HubEvent = parseEvent(toCloudEvent(stored));
    if (!isCaseSummaryEvent(event)) continue;
    summaries.set(event.subject, projectCaseSummary(summaries.get(event.subject), event));
  }
  return summaries;
}

/** Waits until the read model's API shows exactly the expected summary for every case. */
export async function waitForReadModel(hub: Hub, expected: Map<string, CaseSummary>, timeoutMs = 90_000): Promise<void> {
  await waitFor(
    async () => {
      const mismatches: { caseId: string; expected: CaseSummary; actual: unknown }[] = [];
      for (const [caseId, summary] of expected) {
        const { status, body } = await get(`${hub.url('read-models')}/cases/${caseId}`);
        if (status !== 200 || canonical(body) !== canonical(summary)) mismatches.push({ caseId, expected: summary, actual: body });
      }
      return { count: mismatches.length, first: mismatches[0] };
    },
    (mismatches) => mismatches.count === 0,
    { timeoutMs, intervalMs: 500, what: 'the read model to match the projection of the whole log' },
  );
}


/** JSON with sorted keys: compares values across realms (fetch's JSON vs the test's objects). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
