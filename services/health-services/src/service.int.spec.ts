import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { createHttpApp, loadServiceConfig, openApiDocument, serviceModule } from '@traiettorie/nest-kit';
import { createTestDatabase, type TestDatabase } from '@traiettorie/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { healthRecordedTypes } from './recorders.js';
import { healthServices } from './service.js';

/** The health services as `npm start` builds them (door on, real PostgreSQL), listening on a free port. */
describe('the health services, started', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    db = await createTestDatabase('health_service');
    const keys = path.join(mkdtempSync(path.join(os.tmpdir(), 'health-door-')), 'public-keys.json');
    writeFileSync(keys, '{}');
    Object.assign(process.env, { TRAIETTORIE_DEV_KEK: '1', TRAIETTORIE_DEV_CHAIN_KEY: '1' });
    const config = loadServiceConfig(healthServices, {
      DATABASE_URL: db.url,
      VOUCHER_ISSUER: 'http://127.0.0.1:9/issuer',
      VOUCHER_AUDIENCE: 'traiettorie',
      VOUCHER_JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json',
      TRAIETTORIE_CLIENT_KEYS_FILE: keys,
    });
    app = await createHttpApp(serviceModule(healthServices, config), { name: healthServices.name, description: healthServices.description, port: 0 });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('its OpenAPI document has a command for every event type it records, whose summary names it in parentheses', () => {
    const document = openApiDocument(app, healthServices);
    const summaries = Object.values(document.paths).flatMap((item) => Object.values(item as Record<string, { summary?: string }>).map((op) => op.summary ?? ''));

    for (const type of healthRecordedTypes) expect({ type, named: summaries.some((s) => s.endsWith(`(${type})`)) }).toEqual({ type, named: true });
    expect(Object.keys(document.paths).sort()).toEqual(
      [
        '/anonymous-involvements',
        '/cases/{caseId}/activity-fitness',
        '/cases/{caseId}/care-path-status',
        '/cases/{caseId}/consent-withdrawals',
        '/cases/{caseId}/consents',
        '/cases/{caseId}/specialist-involvements',
        '/health',
      ].sort(),
    );
  });

  it('no request body invites free text: every string property is an enum, a date, an id, a code or a reference', () => {
    const document = openApiDocument(app, healthServices) as unknown as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>> };
    const free: string[] = [];
    const visit = (schema: unknown, where: string) => {
      if (typeof schema !== 'object' || schema === null) return;
      const s = schema as Record<string, unknown>;
      if (s['type'] === 'string' && !s['enum'] && !s['format'] && !s['pattern'] && !s['const']) free.push(where);
      for (const [key, value] of Object.entries(s)) if (typeof value === 'object') visit(value, `${where}.${key}`);
    };
    for (const [route, item] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(item)) visit(op.requestBody?.content['application/json']?.schema, `${method} ${route}`);
    }

    // The only unpatterned strings: the case's legal basis (as POST /cases takes it) and the signed form's reference (a protocol number).
    expect(free.map((where) => where.replace('.properties', '')).sort()).toEqual(
      [
        'post /cases/{caseId}/consents.documentRef',
        ...['consents', 'consent-withdrawals', 'specialist-involvements', 'activity-fitness', 'care-path-status'].map((p) => `post /cases/{caseId}/${p}.legalBasis`),
      ].sort(),
    );
  });

  it('the door is on: a command without a voucher is refused with 401', async () => {
    const response = await fetch(`${url}/cases/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/consents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });

    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});
