import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { demoClients } from '@traiettorie/access';
import { createAuthority, loadSigningKeys, requestVoucher } from '@traiettorie/authority';
import { consentRecordedV1 } from '@traiettorie/contracts';
import { createHttpApp, loadServiceConfig, openApiDocument, serviceModule } from '@traiettorie/nest-kit';
import { createTestDatabase, type TestDatabase } from '@traiettorie/testing';
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { healthRecordedTypes } from './recorders.js';
import { healthServices } from './service.js';
import { toNewEvent } from '@traiettorie/command-handling';
import { caseStreamOf, catalogueClassification as openingClassification } from '@traiettorie/contracts';
import { createPostgresEventStore, keyWrapperFromEnv } from '@traiettorie/event-store';
import { sampleEvent } from '@traiettorie/testing';

const issuer = 'http://authority.test';
const identityOfCase = { ambito: 'LOM-SESTO-SAN-GIOVANNI', personRef: 'P-SSG-7f3a91' };
const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
/** The demo clients this test acts as, each with a key pair of its own. */
const clientKeys = new Map<string, KeyObject>();
const publicKeys = new Map(
  ['cps-sesto', 'ss-sesto'].map((clientId) => {
    const pair = rsa();
    clientKeys.set(clientId, pair.privateKey);
    return [clientId, [{ ...pair.publicKey.export({ format: 'jwk' }), alg: 'RS256' }]];
  }),
);

/** The health services as `npm start` builds them (door on, real PostgreSQL), with an authority issuing vouchers, listening on free ports. */

/** The social services open the case: another agency's record of a case starts only on one they opened (issue 11). */
async function openCase(db: TestDatabase, caseId: string): Promise<void> {
  const store = createPostgresEventStore(db.pool, { personalData: openingClassification, keyEncryptionKey: keyWrapperFromEnv({ TRAIETTORIE_DEV_KEK: '1' }) });
  await store.appendToStream(caseStreamOf('social-services', caseId), [toNewEvent(sampleEvent('CaseOpened', { caseId }))]);
}

describe('the health services, started', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let url: string;
  let authority: http.Server;
  let authorityUrl: string;

  beforeAll(async () => {
    db = await createTestDatabase('health_service');
    const keys = path.join(mkdtempSync(path.join(os.tmpdir(), 'health-door-')), 'public-keys.json');
    writeFileSync(keys, JSON.stringify(Object.fromEntries(publicKeys)));
    authority = createAuthority({
      issuer,
      tokenAudience: `${issuer}/token`,
      voucherAudience: 'traiettorie',
      voucherTtlSeconds: 600,
      signingKeys: loadSigningKeys(rsa().privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
      clients: demoClients,
      clientKeys: publicKeys,
    });
    await new Promise<void>((resolve) => authority.listen(0, '127.0.0.1', resolve));
    authorityUrl = `http://127.0.0.1:${(authority.address() as AddressInfo).port}`;
    Object.assign(process.env, { TRAIETTORIE_DEV_KEK: '1', TRAIETTORIE_DEV_CHAIN_KEY: '1' });
    const config = loadServiceConfig(healthServices, {
      DATABASE_URL: db.url,
      VOUCHER_ISSUER: issuer,
      VOUCHER_AUDIENCE: 'traiettorie',
      VOUCHER_JWKS_URL: `${authorityUrl}/.well-known/jwks.json`,
      TRAIETTORIE_CLIENT_KEYS_FILE: keys,
    });
    app = await createHttpApp(serviceModule(healthServices, config), { name: healthServices.name, description: healthServices.description, port: 0 });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => authority?.close(resolve));
    await db?.drop();
  });

  /** POSTs `body` to `route` as the demo client `clientId`, with a fresh voucher (good once for a command). */
  async function post(clientId: string, route: string, body: unknown, headers: Record<string, string> = {}) {
    const client = demoClients.find((c) => c.clientId === clientId)!;
    const { voucher } = await requestVoucher({
      authorityUrl,
      tokenAudience: `${issuer}/token`,
      clientId,
      purposeId: client.purposes[0]!,
      privateKey: clientKeys.get(clientId)!,
      hubAudience: 'traiettorie',
    });
    const response = await fetch(`${url}${route}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${voucher}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, etag: response.headers.get('etag'), body: (await response.json()) as Record<string, unknown> };
  }

  it('a CPS operator records consent, involvement, fitness, care path and withdrawal through the routes; what the pathway forbids is refused', async () => {
    const caseId = randomUUID();
    await openCase(db, caseId);
    const on = (path: string) => `/cases/${caseId}/${path}`;
    const { consentId } = consentRecordedV1.example;

    expect(await post('cps-sesto', on('activity-fitness'), { ...identityOfCase, assessedOn: '2026-10-27', activities: ['work'], fitness: 'fit', adjustments: [], validUntil: '2027-04-27' })).toMatchObject({
      status: 409,
      body: { detail: expect.stringMatching(/needs a specialist service involved first/) },
    });
    expect(await post('cps-sesto', on('consents'), consentRecordedV1.example)).toMatchObject({ status: 422, body: { detail: expect.stringMatching(/identity-on-first-event/) } });
    expect(await post('cps-sesto', on('consents'), { ...identityOfCase, ...consentRecordedV1.example })).toMatchObject({ status: 201, etag: '"1"', body: { caseId, version: 1 } });
    expect(await post('cps-sesto', on('specialist-involvements'), { involvedOn: '2026-10-20', involvement: 'joins-eemm', serviceCategory: 'mental-health', consentId }, { 'if-match': '"1"' })).toMatchObject({
      status: 201,
      etag: '"2"',
    });
    expect(await post('cps-sesto', on('care-path-status'), { changedOn: '2026-11-09', status: 'active', exemptFromActivation: false, consentId }, { 'if-match': '"1"' })).toMatchObject({ status: 409 });
    expect(await post('cps-sesto', on('care-path-status'), { changedOn: '2026-11-09', status: 'active', exemptFromActivation: false, consentId })).toMatchObject({ status: 201, etag: '"3"' });
    expect(await post('cps-sesto', on('activity-fitness'), { assessedOn: '2026-10-27', activities: ['work'], fitness: 'fit', adjustments: [], validUntil: '2027-04-27', diagnosis: 'F32' })).toMatchObject({
      status: 422,
    });
    expect(await post('ss-sesto', on('consent-withdrawals'), { consentId, withdrawnOn: '2027-01-15' })).toMatchObject({ status: 403 });
    expect(await post('cps-sesto', on('consent-withdrawals'), { consentId, withdrawnOn: '2027-01-15' })).toMatchObject({ status: 201, body: { events: [{ type: 'ConsentWithdrawn' }] } });
    expect(await post('cps-sesto', on('consent-withdrawals'), { consentId, withdrawnOn: '2027-01-16' })).toMatchObject({ status: 409, body: { detail: expect.stringMatching(/already withdrawn/) } });
    expect(await post('cps-sesto', '/anonymous-involvements', { ambito: identityOfCase.ambito, involvedOn: '2026-10-20', serviceCategory: 'addictions' })).toMatchObject({
      status: 201,
      body: { anonymousId: expect.stringMatching(/^[0-9a-f-]{36}$/), events: [{ type: 'SpecialistServiceInvolved' }] },
    });
  });

  it('every request example of its OpenAPI document succeeds when sent in the document’s order, on one new case', async () => {
    const document = openApiDocument(app, healthServices) as unknown as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> } }>>;
    };
    const caseId = randomUUID();
    await openCase(db, caseId);
    const answers: { route: string; example: string; status: number }[] = [];
    for (const [route, item] of Object.entries(document.paths)) {
      for (const [example, { value }] of Object.entries(item['post']?.requestBody?.content['application/json']?.examples ?? {})) {
        answers.push({ route, example, status: (await post('cps-sesto', route.replace('{caseId}', caseId), value)).status });
      }
    }

    expect(answers.map((a) => `${a.route} ${a.example}`)).toEqual([
      '/cases/{caseId}/consents firstEvent',
      '/cases/{caseId}/specialist-involvements cpsJoinsEemm',
      '/cases/{caseId}/specialist-involvements withoutCategory',
      '/cases/{caseId}/activity-fitness withAdjustments',
      '/cases/{caseId}/care-path-status active',
      '/cases/{caseId}/consent-withdrawals careStatusOnly',
      '/cases/{caseId}/consent-withdrawals whole',
      '/anonymous-involvements serd',
    ]);
    expect(answers.filter((a) => a.status !== 201)).toEqual([]);
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
