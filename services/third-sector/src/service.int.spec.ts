import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { createHttpApp, loadServiceConfig, openApiDocument, serviceModule } from '@traiettorie/nest-kit';
import { createTestDatabase, type TestDatabase } from '@traiettorie/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { thirdSectorRecorders } from './recorders.js';
import { thirdSector } from './service.js';

/** The third sector's service as `npm start` builds it (door on, real PostgreSQL; its Kafka consumer is not connected here). */
describe('the third-sector service, started', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    db = await createTestDatabase('third_sector_service');
    const keys = path.join(mkdtempSync(path.join(os.tmpdir(), 'third-sector-door-')), 'public-keys.json');
    writeFileSync(keys, '{}');
    Object.assign(process.env, { TRAIETTORIE_DEV_KEK: '1', TRAIETTORIE_DEV_CHAIN_KEY: '1' });
    const config = loadServiceConfig(thirdSector, {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: '127.0.0.1:9',
      RELAY_PUBLIC_KEYS: 'unused.pem',
      VOUCHER_ISSUER: 'http://127.0.0.1:9/issuer',
      VOUCHER_AUDIENCE: 'traiettorie',
      VOUCHER_JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json',
      TRAIETTORIE_CLIENT_KEYS_FILE: keys,
    });
    app = await createHttpApp(serviceModule(thirdSector, config), { name: thirdSector.name, description: thirdSector.description, port: 0 });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('its OpenAPI document has a command for every event type it records, whose summary names it in parentheses', () => {
    const document = openApiDocument(app, thirdSector);
    const summaries = Object.values(document.paths).flatMap((item) => Object.values(item as Record<string, { summary?: string }>).map((op) => op.summary ?? ''));

    for (const { type } of thirdSectorRecorders) expect({ type, named: summaries.some((s) => s.endsWith(`(${type})`)) }).toEqual({ type, named: true });
    expect(Object.keys(document.paths).sort()).toEqual(
      ['/cases/{caseId}/attendance', '/cases/{caseId}/deliveries', '/cases/{caseId}/exits', '/cases/{caseId}/expected-deliveries', '/health'].sort(),
    );
  });

  it('the door is on: a command without a voucher is refused with 401', async () => {
    const response = await fetch(`${url}/cases/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/deliveries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });

    expect(response.status).toBe(401);
  });
});
