import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { demoClients } from '@traiettorie/access';
import { createAuthority, loadSigningKeys, requestVoucher } from '@traiettorie/authority';
import { createHttpApp, loadServiceConfig, openApiDocument, serviceModule } from '@traiettorie/nest-kit';
import { createTestDatabase, type TestDatabase } from '@traiettorie/testing';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { thirdSectorRecorders } from './recorders.js';
import { thirdSector } from './service.js';
import { toNewEvent } from '@traiettorie/command-handling';
import { caseStreamOf, catalogueClassification as openingClassification, serviceDeliveryExpectedV1, type EventData } from '@traiettorie/contracts';
import { createPostgresEventStore, keyWrapperFromEnv } from '@traiettorie/event-store';
import { sampleEvent } from '@traiettorie/testing';

const issuer = 'http://authority.test';
const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const partnerKeys = rsa();
/** The partner's own organisation, as a delivery names its provider: its registered agency id. */
const partnerId = demoClients.find((c) => c.clientId === 'ets-sesto')!.agencyId;

/** The third sector's service as `npm start` builds it (door on, real PostgreSQL; its Kafka consumer is not connected here). */

/** The social services open the case: another agency's record of a case starts only on one they opened (issue 11). */
async function openCase(db: TestDatabase, caseId: string, ...supports: Partial<EventData<'SupportActivated'>>[]): Promise<void> {
  const store = createPostgresEventStore(db.pool, { personalData: openingClassification, keyEncryptionKey: keyWrapperFromEnv({ TRAIETTORIE_DEV_KEK: '1' }) });
  await store.appendToStream(caseStreamOf('social-services', caseId), [
    toNewEvent(sampleEvent('CaseOpened', { caseId })),
    // The supports the social services activated on the case (the contract's example, with these changes).
    ...supports.map((data) => toNewEvent(sampleEvent('SupportActivated', { caseId, data }))),
  ]);
}

describe('the third-sector service, started', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let url: string;
  let authority: http.Server;
  let authorityUrl: string;

  beforeAll(async () => {
    db = await createTestDatabase('third_sector_service');
    const keys = path.join(mkdtempSync(path.join(os.tmpdir(), 'third-sector-door-')), 'public-keys.json');
    const publicKeys = new Map([['ets-sesto', [{ ...partnerKeys.publicKey.export({ format: 'jwk' }), alg: 'RS256' }]]]);
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
    const config = loadServiceConfig(thirdSector, {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: '127.0.0.1:9',
      RELAY_PUBLIC_KEYS: 'unused.pem',
      VOUCHER_ISSUER: issuer,
      VOUCHER_AUDIENCE: 'traiettorie',
      VOUCHER_JWKS_URL: `${authorityUrl}/.well-known/jwks.json`,
      TRAIETTORIE_CLIENT_KEYS_FILE: keys,
    });
    app = await createHttpApp(serviceModule(thirdSector, config), { name: thirdSector.name, description: thirdSector.description, port: 0 });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => authority?.close(resolve));
    await db?.drop();
  });

  /** POSTs `body` to `route` as the partner `ets-sesto`, with a fresh voucher. */
  async function post(route: string, body: unknown) {
    const partner = demoClients.find((c) => c.clientId === 'ets-sesto')!;
    const { voucher } = await requestVoucher({
      authorityUrl,
      tokenAudience: `${issuer}/token`,
      clientId: partner.clientId,
      purposeId: partner.purposes[0]!,
      privateKey: partnerKeys.privateKey,
      hubAudience: 'traiettorie',
    });
    const response = await fetch(`${url}${route}`, { method: 'POST', headers: { authorization: `Bearer ${voucher}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, etag: response.headers.get('etag'), body: (await response.json()) as Record<string, unknown> };
  }

  it('every request example of its OpenAPI document succeeds when sent in the document’s order, on one new case; sent again, each is refused', async () => {
    const document = openApiDocument(app, thirdSector) as unknown as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> } }>>;
    };
    const caseId = randomUUID();
    // The support the examples answer, activated with the partner.
    await openCase(db, caseId, {});
    const examples = Object.entries(document.paths).flatMap(([route, item]) =>
      Object.entries(item['post']?.requestBody?.content['application/json']?.examples ?? {}).map(([name, { value }]) => ({ route: route.replace('{caseId}', caseId), name, value })),
    );
    const first: string[] = [];
    for (const { route, name, value } of examples) first.push(`${name} ${(await post(route, value)).status}`);
    const again: string[] = [];
    for (const { route, name, value } of examples) again.push(`${name} ${(await post(route, value)).status}`);

    expect(first).toEqual(['firstEvent 201', 'answeringSupport 201', 'firstEvent 201', 'december 201', 'completed 201']);
    expect(again).toEqual(['firstEvent 409', 'answeringSupport 409', 'firstEvent 409', 'december 409', 'completed 409']);
  });

  it('a partner records a delivery, its attendance and the exit through the routes, with the record’s version as ETag', async () => {
    const caseId = randomUUID();
    await openCase(db, caseId);
    const on = (p: string) => `/cases/${caseId}/${p}`;
    const deliveryId = randomUUID();

    expect(await post(on('attendance'), { deliveryId, periodFrom: '2026-12-01', periodTo: '2026-12-31', hoursScheduled: 24, hoursAttended: 20 })).toMatchObject({ status: 404 });
    expect(
      await post(on('deliveries'), {
        ambito: 'LOM-SESTO-SAN-GIOVANNI',
        personRef: 'P-SSG-7f3a91',
        deliveryId,
        providerId: partnerId,
        agreementRef: 'CONV-SSG-2026-01',
        serviceType: 'job-coaching',
        operatorRef: 'tutor-coop-03',
        startsOn: '2026-11-20',
      }),
    ).toMatchObject({ status: 201, etag: '"1"', body: { caseId, version: 1 } });
    expect(await post(on('attendance'), { deliveryId, periodFrom: '2026-11-20', periodTo: '2026-12-19', hoursScheduled: 24, hoursAttended: 20 })).toMatchObject({ status: 201, etag: '"2"' });
    expect(await post(on('attendance'), { deliveryId, periodFrom: '2026-12-15', periodTo: '2026-12-31', hoursScheduled: 10, hoursAttended: 10 })).toMatchObject({ status: 409 });
    expect(await post(on('attendance'), { deliveryId, periodFrom: '2026-12-20', periodTo: '2026-12-31', hoursScheduled: 10, hoursAttended: 12 })).toMatchObject({ status: 422 });
    expect(
      await post(on('exits'), { deliveryId, exitedOn: '2026-12-31', completed: false, situationAssessedOn: '2027-01-10', situationAtExit: ['employed'] }),
    ).toMatchObject({ status: 201, etag: '"3"' });
  });

  it('a partner records deliveries only as their provider: another provider’s delivery, or attendance and exit on one, is refused 403 provider-not-yours and nothing is stored', async () => {
    const caseId = randomUUID();
    await openCase(db, caseId);
    const on = (p: string) => `/cases/${caseId}/${p}`;
    const store = createPostgresEventStore(db.pool, { personalData: openingClassification, keyEncryptionKey: keyWrapperFromEnv({ TRAIETTORIE_DEV_KEK: '1' }) });
    const stored = async () => (await store.readStream(caseStreamOf('third-sector', caseId))).map((e) => e.id);
    const delivery = { deliveryId: randomUUID(), agreementRef: 'CONV-SSG-2026-01', serviceType: 'job-coaching', operatorRef: 'tutor-coop-03', startsOn: '2026-11-20' };

    const asAnother = await post(on('deliveries'), { ambito: 'LOM-SESTO-SAN-GIOVANNI', personRef: 'P-SSG-7f3a91', ...delivery, providerId: 'cooperativa-sociale-altrove' });
    expect(asAnother).toMatchObject({ status: 403, body: { type: 'urn:traiettorie:problem:forbidden', rule: 'provider-not-yours' } });
    expect(JSON.stringify(asAnother.body)).not.toContain('P-SSG-7f3a91');
    expect(await stored()).toEqual([]);

    // Another cooperative's delivery on the case, as its own system recorded it.
    const theirs = sampleEvent('ServiceDeliveryStarted', { caseId, agencyId: 'cooperativa-sociale-altrove', data: { providerId: 'cooperativa-sociale-altrove', supportId: undefined } });
    await store.appendToStream(caseStreamOf('third-sector', caseId), [toNewEvent(theirs)]);
    const { deliveryId } = theirs.data;
    expect(await post(on('attendance'), { deliveryId, periodFrom: '2026-12-01', periodTo: '2026-12-31', hoursScheduled: 24, hoursAttended: 20 })).toMatchObject({
      status: 403,
      body: { rule: 'provider-not-yours' },
    });
    expect(await post(on('exits'), { deliveryId, exitedOn: '2026-12-31', completed: false, situationAssessedOn: '2027-01-10', situationAtExit: ['employed'] })).toMatchObject({
      status: 403,
      body: { rule: 'provider-not-yours' },
    });
    expect(await stored()).toEqual([theirs.id]);
  });

  it('a partner cannot take another provider’s support by recording its expectation first: refused 403 provider-not-yours naming neither, nothing stored; its own support it expects and starts', async () => {
    const caseId = randomUUID();
    const theirs = randomUUID();
    const ours = randomUUID();
    const other = 'cooperativa-sociale-altrove';
    await openCase(db, caseId, { supportId: theirs, provider: { kind: 'third-sector', providerId: other } }, { supportId: ours });
    const on = (p: string) => `/cases/${caseId}/${p}`;
    const store = createPostgresEventStore(db.pool, { personalData: openingClassification, keyEncryptionKey: keyWrapperFromEnv({ TRAIETTORIE_DEV_KEK: '1' }) });
    const stored = async () => (await store.readStream(caseStreamOf('third-sector', caseId))).map((e) => e.type);
    const expectation = (supportId: string) => ({ ambito: 'LOM-SESTO-SAN-GIOVANNI', personRef: 'P-SSG-7f3a91', ...serviceDeliveryExpectedV1.example, supportId, providerId: partnerId });

    // The partner read the case: support `theirs` is another cooperative's. It names itself as provider.
    const preempting = await post(on('expected-deliveries'), expectation(theirs));
    expect(preempting).toMatchObject({ status: 403, body: { type: 'urn:traiettorie:problem:forbidden', rule: 'provider-not-yours' } });
    expect(JSON.stringify(preempting.body)).not.toContain(other);
    // A support the case does not have.
    expect(await post(on('expected-deliveries'), expectation(randomUUID()))).toMatchObject({ status: 404 });
    // Its own support, under another agreement than the support's.
    expect(await post(on('expected-deliveries'), { ...expectation(ours), agreementRef: 'CONV-2024-01' })).toMatchObject({ status: 409 });
    expect(await stored()).toEqual([]);

    expect(await post(on('expected-deliveries'), expectation(ours))).toMatchObject({ status: 201, body: { version: 1 } });
    const delivery = { deliveryId: randomUUID(), supportId: ours, providerId: partnerId, agreementRef: serviceDeliveryExpectedV1.example.agreementRef, serviceType: 'job-coaching', operatorRef: 'tutor-coop-03', startsOn: '2026-11-20' };
    expect(await post(on('deliveries'), delivery)).toMatchObject({ status: 201, body: { version: 2 } });
    expect(await stored()).toEqual(['ServiceDeliveryExpected', 'ServiceDeliveryStarted']);
  });

  it('a partner starting a support expected from another provider is refused 403 provider-not-yours, naming neither provider', async () => {
    const caseId = randomUUID();
    const other = 'cooperativa-sociale-altrove';
    const supportId = randomUUID();
    await openCase(db, caseId, { supportId, provider: { kind: 'third-sector', providerId: other } });
    const store = createPostgresEventStore(db.pool, { personalData: openingClassification, keyEncryptionKey: keyWrapperFromEnv({ TRAIETTORIE_DEV_KEK: '1' }) });
    // The hub's policy expected it from the other cooperative.
    const expected = sampleEvent('ServiceDeliveryExpected', { caseId, agencyId: 'coop-lotta-contro-emarginazione', data: { supportId, providerId: other } });
    await store.appendToStream(caseStreamOf('third-sector', caseId), [toNewEvent(expected)]);

    const starting = await post(`/cases/${caseId}/deliveries`, {
      deliveryId: randomUUID(),
      supportId,
      providerId: partnerId,
      agreementRef: serviceDeliveryExpectedV1.example.agreementRef,
      serviceType: 'job-coaching',
      operatorRef: 'tutor-coop-03',
      startsOn: '2026-11-20',
    });
    expect(starting).toMatchObject({ status: 403, body: { rule: 'provider-not-yours' } });
    expect(JSON.stringify(starting.body)).not.toContain(other);
    expect(JSON.stringify(starting.body)).not.toContain(partnerId);
  });

  it('a partner cannot take another provider’s support by starting it before the hub expected it: refused 403 provider-not-yours naming neither, nothing stored; a support never activated 404; its own activated support, and a delivery answering none, it starts', async () => {
    const caseId = randomUUID();
    const theirs = randomUUID();
    const ours = randomUUID();
    const other = 'cooperativa-sociale-altrove';
    // The social services activated both on the case; the hub's policy has expected neither yet.
    await openCase(db, caseId, { supportId: theirs, provider: { kind: 'third-sector', providerId: other } }, { supportId: ours });
    const on = (p: string) => `/cases/${caseId}/${p}`;
    const store = createPostgresEventStore(db.pool, { personalData: openingClassification, keyEncryptionKey: keyWrapperFromEnv({ TRAIETTORIE_DEV_KEK: '1' }) });
    const stored = async () => (await store.readStream(caseStreamOf('third-sector', caseId))).map((e) => e.type);
    const delivery = (supportId: string | undefined) => ({
      ambito: 'LOM-SESTO-SAN-GIOVANNI',
      personRef: 'P-SSG-7f3a91',
      deliveryId: randomUUID(),
      ...(supportId === undefined ? {} : { supportId }),
      providerId: partnerId,
      agreementRef: serviceDeliveryExpectedV1.example.agreementRef,
      serviceType: 'job-coaching',
      operatorRef: 'tutor-coop-03',
      startsOn: '2026-11-20',
    });

    // The partner read the case: support `theirs` is another cooperative's. It starts it as its own.
    const preempting = await post(on('deliveries'), delivery(theirs));
    expect(preempting).toMatchObject({ status: 403, body: { type: 'urn:traiettorie:problem:forbidden', rule: 'provider-not-yours' } });
    expect(JSON.stringify(preempting.body)).not.toContain(other);
    expect(await post(on('deliveries'), delivery(randomUUID()))).toMatchObject({ status: 404 });
    expect(await stored()).toEqual([]);

    expect(await post(on('deliveries'), delivery(ours))).toMatchObject({ status: 201, body: { version: 1 } });
    expect(await post(on('deliveries'), delivery(undefined))).toMatchObject({ status: 201, body: { version: 2 } });
    expect(await stored()).toEqual(['ServiceDeliveryStarted', 'ServiceDeliveryStarted']);
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
