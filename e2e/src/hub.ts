import { catalogueClassification, parseEvent, type HubEvent } from '@traiettorie/contracts';
import {
  createChainKeys,
  createConfigKeyWrapper,
  createPostgresEventStore,
  provisionEventStore,
  LOG_START,
  type EventStore,
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
import { requestVoucher, type Operator } from '@traiettorie/authority';
import { demoClients } from '@traiettorie/access';
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const serviceNames = [
  'authority',
  'relay',
  'social-services',
  'employment-centre',
  'health-services',
  'third-sector',
  'programme',
  'deadlines',
  'read-models',
  'events',
] as const;
export type ServiceName = (typeof serviceNames)[number];

/** The services a test hub starts after the authority and the relay unless told otherwise: the first pathway's. */
export const firstPathwayServices = ['social-services', 'employment-centre', 'read-models'] as const satisfies readonly ServiceName[];

/** Every agency's service, the deadline watch, the read models and the events door: what `npm start` starts. */
export const everyService = [
  'social-services',
  'employment-centre',
  'health-services',
  'third-sector',
  'programme',
  'deadlines',
  'read-models',
  'events',
] as const satisfies readonly ServiceName[];

/**
 * The whole hub for one test file: a fresh database, its own topics and
 * consumer groups on the run's Kafka broker, and its services (the first pathway's unless told) started as
 * separate processes, as `npm start` starts them.
 */
export interface Hub {
  db: TestDatabase;
  /** The hub's own topic prefix and relay key, for tests that act as Kafka clients. */
  prefix: string;
  relayKeys: { privateKey: string; publicKey: string };
  services: Record<ServiceName, ServiceProcess>;
  /** The door's settings the services were given, and the demo clients' keys. */
  door: DoorSetup;
  /**
   * The headers a demo client sends: a fresh voucher from the hub's authority
   * (good once for a command) and, with an operator, its bound tracking evidence.
   */
  as(clientId: string, options?: { operator?: string | Operator; purposeId?: string }): Promise<Record<string, string>>;
  start(name: ServiceName): Promise<ServiceProcess>;
  /** A second (third…) instance of a service, on a port of its own, with the same settings; stopped with the hub. */
  another(name: ServiceName): Promise<ServiceProcess>;
  stop(): Promise<void>;
  url(name: ServiceName): string;
}

/** The door of the test hubs: one authority key and one key pair per demo client, made once per test process. */
export interface DoorSetup {
  audience: string;
  authorityKey: KeyObject;
  clientKeys: Map<string, KeyObject>;
  /** The environment the authority and the services share (files in a temporary directory). */
  env: Record<string, string>;
}

let doorSetup: DoorSetup | undefined;
function setUpDoor(): DoorSetup {
  if (doorSetup) return doorSetup;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'traiettorie-door-'));
  const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
  const authority = rsa();
  const authorityKeyFile = path.join(dir, 'authority.pem');
  writeFileSync(authorityKeyFile, authority.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  const clientKeys = new Map<string, KeyObject>();
  const publicKeys: Record<string, unknown> = {};
  for (const client of demoClients) {
    const pair = rsa();
    clientKeys.set(client.clientId, pair.privateKey);
    publicKeys[client.clientId] = { ...pair.publicKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: `${client.clientId}-1` };
  }
  const clientKeysFile = path.join(dir, 'public-keys.json');
  writeFileSync(clientKeysFile, JSON.stringify(publicKeys));
  const audience = 'traiettorie-e2e';
  doorSetup = {
    audience,
    authorityKey: authority.privateKey,
    clientKeys,
    env: { AUTHORITY_SIGNING_KEYS: authorityKeyFile, TRAIETTORIE_CLIENT_KEYS_FILE: clientKeysFile, VOUCHER_AUDIENCE: audience },
  };
  return doorSetup;
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

export async function startHub(
  label: string,
  extraEnv: Partial<Record<ServiceName, Record<string, string>>> = {},
  options: { services?: readonly ServiceName[] } = {},
): Promise<Hub> {
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
  const door = setUpDoor();
  const authorityUrl = `http://127.0.0.1:${ports.authority}`;
  const doorEnv = {
    ...door.env,
    AUTHORITY_ISSUER: authorityUrl,
    VOUCHER_ISSUER: authorityUrl,
    VOUCHER_JWKS_URL: `${authorityUrl}/.well-known/jwks.json`,
  };
  const launch = (name: ServiceName, port: number) =>
    startServiceProcess({
      name,
      script: path.join(root, 'services', name, 'dist', 'main.js'),
      port,
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
        ...doorEnv,
        ...extraEnv[name],
      },
    });
  const start = async (name: ServiceName) => {
    services[name] = await launch(name, ports[name]);
    return services[name];
  };
  const others: ServiceProcess[] = [];
  const hub: Hub = {
    db,
    prefix,
    relayKeys,
    services,
    door,
    async as(clientId, options = {}) {
      const client = demoClients.find((c) => c.clientId === clientId);
      const privateKey = door.clientKeys.get(clientId);
      if (!client || !privateKey) throw new Error(`hub.as: ${clientId} is not a demo client`);
      const operator = typeof options.operator === 'string' ? { userID: options.operator, userLocation: 'e2e', LoA: 'LoA3' } : options.operator;
      const { headers } = await requestVoucher({
        authorityUrl,
        clientId,
        purposeId: options.purposeId ?? client.purposes[0]!,
        privateKey,
        hubAudience: door.audience,
        ...(operator ? { operator } : {}),
      });
      return headers;
    },
    start,
    async another(name) {
      const instance = await launch(name, await freePort());
      others.push(instance);
      return instance;
    },
    url: (name) => `http://127.0.0.1:${ports[name]}`,
    async stop() {
      for (const name of serviceNames) hubsByOrigin.delete(new URL(hub.url(name)).origin);
      await Promise.all([...Object.values(services), ...others].map((s) => s.stop()));
      await db.drop();
    },
  };
  for (const name of serviceNames) hubsByOrigin.set(new URL(hub.url(name)).origin, { hub, service: name });
  try {
    // The authority first (the others fetch its keys), the store's schema next (the relay migrates it), then the rest in parallel.
    await start('authority');
    await start('relay');
    await Promise.all((options.services ?? firstPathwayServices).map(start));
  } catch (error) {
    await hub.stop();
    throw error;
  }
  return hub;
}

/** The hubs started by this process, by each service's origin: whom `post` and `get` authenticate to. */
const hubsByOrigin = new Map<string, { hub: Hub; service: ServiceName }>();

/**
 * Who the tests act as by default: each agency's service by that agency's demo
 * client (the CPS for the health services), everything else by `ss-sesto`;
 * always with the operator `op-e2e`.
 */
export const defaultCallers: Partial<Record<ServiceName, string>> = {
  'employment-centre': 'cpi-sesto',
  'health-services': 'cps-sesto',
  'third-sector': 'ets-sesto',
  programme: 'prog-sesto',
};

/**
 * The headers a request to a test hub carries unless the test gives its own
 * `authorization`: a fresh voucher of the service's default caller with an
 * operator's tracking evidence. Health and unknown origins get none.
 */
export async function defaultAuth(url: string, headers: Record<string, string>): Promise<Record<string, string>> {
  const target = new URL(url);
  const known = hubsByOrigin.get(target.origin);
  if (!known || target.pathname === '/health' || Object.keys(headers).some((h) => h.toLowerCase() === 'authorization')) return headers;
  return { ...(await known.hub.as(defaultCallers[known.service] ?? 'ss-sesto', { operator: 'op-e2e' })), ...headers };
}

/** `fetch` to a hub, as the service's default caller unless `init.headers` has an `authorization` (see defaultAuth). */
export async function hubFetch(url: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
  return fetch(url, { ...init, headers: await defaultAuth(url, init.headers ?? {}) });
}

/** POSTs JSON to a hub, as the service's default caller unless `headers` has an `authorization` (see defaultAuth). */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await defaultAuth(url, headers)) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

/** GETs from a hub, as the service's default caller with an operator unless `headers` has an `authorization` (see defaultAuth). */
export async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers: await defaultAuth(url, headers) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
}

/**
 * The hub's event store as its services open it (its key-encryption key and
 * chain key): for a test that must append what no service of the hub emits yet.
 */
export function hubStore(db: TestDatabase): EventStore {
  const kek = keyEncryptionKeys.get(db);
  const chainKey = chainKeys.get(db);
  if (!kek || !chainKey) throw new Error('hubStore: this database was not started by startHub');
  return createPostgresEventStore(db.pool, {
    personalData: catalogueClassification,
    keyEncryptionKey: createConfigKeyWrapper([{ id: 'e2e', key: kek }]),
    chainKeys: createChainKeys([{ id: 'e2e', key: chainKey }]),
  });
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

/** An event row as committed: what a count of what was stored needs (no data, nothing decrypted). */
export interface CommittedEvent {
  id: string;
  type: string;
  streamId: string;
  source: string;
}

/**
 * Every event committed to the store, in global position order, read as rows
 * by the superuser. For counting what was stored: the global log
 * (`globalLog`) shows a commit only once every older transaction anywhere on
 * the server has ended (ADR 2), so a count read from it right after a 201 may
 * miss the event, and a count meant to stay equal may miss one that was
 * wrongly appended.
 */
export async function committedEvents(db: TestDatabase): Promise<CommittedEvent[]> {
  const { rows } = await db.pool.query<CommittedEvent>(
    `SELECT event_id::text AS id, event_type AS type, stream_id AS "streamId", metadata->>'source' AS source
       FROM event_store.events ORDER BY global_position`,
  );
  return rows;
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
