import type { INestApplication } from '@nestjs/common';
import { demoClients } from '@traiettorie/access';
import { createAuthority, loadSigningKeys, requestVoucher } from '@traiettorie/authority';
import { catalogueClassification, sourceOf, type AgencyKind } from '@traiettorie/contracts';
import { createPostgresEventStore, chainKeysFromEnv, keyWrapperFromEnv, type EventStore } from '@traiettorie/event-store';
import { createHttpApp, loadServiceConfig, serviceModule } from '@traiettorie/nest-kit';
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@traiettorie/testing/database';
import { events } from './service.js';

/** The events service in this process, behind a real door (a local authority issuing vouchers), on a fresh database. */
export interface EventsHub {
  url: string;
  db: TestDatabase;
  /** The store as the service opens it (development keys). */
  store: EventStore;
  /** A fresh voucher of a demo client (good once for a POST), with an operator's tracking evidence. */
  as(clientId: string): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

const audience = 'traiettorie-events-test';

export async function startEventsHub(label: string, options: { inbound?: { prefix: string } } = {}): Promise<EventsHub> {
  const db = await createTestDatabase(label);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'events-door-'));
  const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
  const clientKeys = new Map<string, KeyObject>();
  const publicKeys: Record<string, unknown> = {};
  for (const client of demoClients) {
    const pair = rsa();
    clientKeys.set(client.clientId, pair.privateKey);
    publicKeys[client.clientId] = [{ ...pair.publicKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: `${client.clientId}-1` }];
  }
  const clientKeysFile = path.join(dir, 'public-keys.json');
  writeFileSync(clientKeysFile, JSON.stringify(publicKeys));
  const signingKey = rsa().privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const authority = createAuthority({
    issuer: 'http://authority.test',
    tokenAudience: 'http://authority.test/token',
    voucherAudience: audience,
    voucherTtlSeconds: 600,
    signingKeys: loadSigningKeys(signingKey),
    clients: demoClients,
    clientKeys: new Map(Object.entries(publicKeys) as [string, never][]),
  });
  const authorityPort = await new Promise<number>((resolve) => authority.listen(0, '127.0.0.1', () => resolve((authority.address() as AddressInfo).port)));
  const authorityUrl = `http://127.0.0.1:${authorityPort}`;
  process.env['TRAIETTORIE_DEV_KEK'] = '1';
  process.env['TRAIETTORIE_DEV_CHAIN_KEY'] = '1';
  const config = loadServiceConfig(events, {
    DATABASE_URL: db.url,
    VOUCHER_ISSUER: 'http://authority.test',
    VOUCHER_AUDIENCE: audience,
    VOUCHER_JWKS_URL: `${authorityUrl}/.well-known/jwks.json`,
    TRAIETTORIE_CLIENT_KEYS_FILE: clientKeysFile,
  });
  // The inbound consumer starts only when asked: KAFKA_BROKERS (set for the whole test run) is hidden otherwise.
  const brokers = process.env['KAFKA_BROKERS'];
  if (options.inbound) process.env['KAFKA_TOPIC_PREFIX'] = options.inbound.prefix;
  else delete process.env['KAFKA_BROKERS'];
  let app: INestApplication;
  try {
    app = await createHttpApp(serviceModule(events, config), { name: 'events', description: events.description, port: 0 });
  } finally {
    if (brokers !== undefined) process.env['KAFKA_BROKERS'] = brokers;
  }
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const store = createPostgresEventStore(db.pool, {
    personalData: catalogueClassification,
    keyEncryptionKey: keyWrapperFromEnv(),
    chainKeys: chainKeysFromEnv(),
  });
  return {
    url,
    db,
    store,
    async as(clientId) {
      const client = demoClients.find((c) => c.clientId === clientId)!;
      const { headers } = await requestVoucher({
        authorityUrl,
        tokenAudience: 'http://authority.test/token',
        clientId,
        purposeId: client.purposes[0]!,
        privateKey: clientKeys.get(clientId)!,
        hubAudience: audience,
        operator: { userID: 'op-events', userLocation: 'test', LoA: 'LoA3' },
      });
      return headers;
    },
    async stop() {
      await app.close();
      await new Promise((resolve) => authority.close(resolve));
      await db.drop();
    },
  };
}

/** The CloudEvents source of a demo client: what its events must carry. */
export function sourceOfClient(clientId: string): string {
  const client = demoClients.find((c) => c.clientId === clientId)!;
  return sourceOf(client.kind as AgencyKind, client.agencyId);
}
