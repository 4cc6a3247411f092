import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { demoClients } from '@traiettorie/access';
import { createAuthority, requestVoucher } from '@traiettorie/authority';
import { toNewEvent } from '@traiettorie/command-handling';
import { createPostgresEventStore } from '@traiettorie/event-store';
import { createHttpApp, loadServiceConfig, serviceModule } from '@traiettorie/nest-kit';
import { createTestDatabase, sampleEvent, type TestDatabase } from '@traiettorie/testing';
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { employmentCentre } from './service.js';

/** The employment centre's HTTP routes behind the door, with vouchers of a real local authority, on PostgreSQL (no Kafka: the policies are unit-tested). */
describe('the employment centre over HTTP, behind the door', () => {
  const cpi = demoClients.find((c) => c.clientId === 'cpi-sesto')!;
  const ets = demoClients.find((c) => c.clientId === 'ets-sesto')!;
  const keys = new Map<string, KeyObject>();
  let db: TestDatabase;
  let authority: http.Server;
  let authorityUrl: string;
  let app: INestApplication;
  let url: string;
  let examples: Record<string, unknown>;

  beforeAll(async () => {
    db = await createTestDatabase('employment_http');
    const signer = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const clientKeys = new Map<string, object[]>();
    for (const client of [cpi, ets]) {
      const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
      keys.set(client.clientId, pair.privateKey);
      clientKeys.set(client.clientId, [{ ...pair.publicKey.export({ format: 'jwk' }), alg: 'RS256' }]);
    }
    authority = createAuthority({
      issuer: 'http://authority.test',
      tokenAudience: 'http://authority.test/token',
      voucherAudience: 'traiettorie',
      voucherTtlSeconds: 120,
      signingKeys: [{ kid: 'k1', privateKey: signer.privateKey, publicJwk: { ...signer.publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' } }],
      clients: demoClients,
      clientKeys,
    });
    await new Promise<void>((resolve) => authority.listen(0, '127.0.0.1', resolve));
    authorityUrl = `http://127.0.0.1:${(authority.address() as AddressInfo).port}`;
    const keysFile = path.join(os.tmpdir(), `employment-http-keys-${randomUUID()}.json`);
    writeFileSync(keysFile, JSON.stringify(Object.fromEntries(clientKeys)));
    const { consumes: _kafka, ...httpOnly } = employmentCentre;
    const config = loadServiceConfig(httpOnly, {
      DATABASE_URL: db.url,
      TRAIETTORIE_DEV_KEK: '1',
      TRAIETTORIE_DEV_CHAIN_KEY: '1',
      VOUCHER_ISSUER: 'http://authority.test',
      VOUCHER_AUDIENCE: 'traiettorie',
      VOUCHER_JWKS_URL: `${authorityUrl}/.well-known/jwks.json`,
      TRAIETTORIE_CLIENT_KEYS_FILE: keysFile,
    });
    Object.assign(process.env, { TRAIETTORIE_DEV_KEK: '1', TRAIETTORIE_DEV_CHAIN_KEY: '1' });
    app = await createHttpApp(serviceModule(httpOnly, config), { name: 'employment-centre', description: 'test', port: 0, host: '127.0.0.1' });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const document = (await (await fetch(`${url}/docs-json`)).json()) as { paths: Record<string, { post?: { requestBody: { content: Record<string, { examples: Record<string, { value: unknown }> }> } } }> };
    examples = Object.fromEntries(
      Object.entries(document.paths).flatMap(([p, ops]) => (ops.post ? [[p, Object.values(ops.post.requestBody.content['application/json']!.examples)[0]!.value]] : [])),
    );
  });
  afterAll(async () => {
    await app?.close();
    authority?.close();
    await db?.drop();
  });

  /** A fresh voucher of the client (a command's is good once); with an operator for reads of personal data. */
  async function headers(clientId: string, personal = false): Promise<Record<string, string>> {
    const client = demoClients.find((c) => c.clientId === clientId)!;
    const voucher = await requestVoucher({
      authorityUrl,
      tokenAudience: 'http://authority.test/token',
      clientId,
      purposeId: client.purposes[0]!,
      privateKey: keys.get(clientId)!,
      hubAudience: 'traiettorie',
      ...(personal ? { operator: { userID: 'op-112', userLocation: 'cpi-sesto', LoA: 'high' } } : {}),
    });
    return { ...voucher.headers, 'content-type': 'application/json' };
  }

  async function post(route: string, caseId: string, body: unknown = examples[route], clientId = 'cpi-sesto') {
    const response = await fetch(`${url}${route.replace('{caseId}', caseId)}`, { method: 'POST', headers: await headers(clientId), body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** A case opened at the social services of Sesto, as the CPI finds it. */
  async function openedCase(): Promise<string> {
    const caseId = randomUUID();
    await createPostgresEventStore(db.pool).appendToStream(`case-${caseId}`, [toNewEvent(sampleEvent('CaseOpened', { caseId }))]);
    return caseId;
  }

  const pathway = [
    ['/referrals/{caseId}', 'EmploymentReferralReceived'],
    ['/referrals/{caseId}/did', 'DIDRegistered'],
    ['/referrals/{caseId}/profiling', 'ProfilingCompleted'],
    ['/referrals/{caseId}/service-pact', 'ServicePactSigned'],
    ['/referrals/{caseId}/training-enrolments', 'TrainingEnrolled'],
    ['/referrals/{caseId}/training-completions', 'TrainingCompleted'],
    ['/referrals/{caseId}/tirocinio-placement-requests', 'TirocinioPlacementRequested'],
    ['/referrals/{caseId}/job-offer-responses', 'JobOfferResponded'],
    ['/referrals/{caseId}/tirocini', 'TirocinioStarted'],
    ['/referrals/{caseId}/tirocinio-endings', 'TirocinioEnded'],
    ['/referrals/{caseId}/employments', 'EmploymentStarted'],
  ] as const;

  it('every documented example, sent in the pathway’s order on one case, records its event type on the person’s employment stream', async () => {
    const caseId = await openedCase();
    const recorded: unknown[] = [];
    for (const [route] of pathway) {
      const { status, body } = await post(route, caseId);
      recorded.push([route, status, (body['events'] as { type: string }[] | undefined)?.map((e) => e.type), body['version']]);
    }

    expect(recorded).toEqual(pathway.map(([route, type], i) => [route, 201, [type], i + 1]));
  });

  it('the pathway’s rules answer with problem details: a PSP for a person never referred is not found, a second PSP is refused, a tirocinio never started cannot end', async () => {
    const caseId = await openedCase();
    const neverReferred = await post('/referrals/{caseId}/service-pact', caseId);
    for (const [route] of pathway.slice(0, 4)) await post(route, caseId);
    const secondPsp = await post('/referrals/{caseId}/service-pact', caseId);
    const endNeverStarted = await post('/referrals/{caseId}/tirocinio-endings', caseId);

    expect(neverReferred).toMatchObject({ status: 404, body: { type: 'urn:traiettorie:problem:not-found' } });
    expect(neverReferred.body['detail']).toMatch(/never referred to the employment centre: a Patto di servizio personalizzato \(PSP\) cannot be recorded before the referral/);
    expect(secondPsp).toMatchObject({ status: 409, body: { type: 'urn:traiettorie:problem:illegal-state' } });
    expect(secondPsp.body['detail']).toMatch(/already has a signed PSP/);
    expect(endNeverStarted.body['detail']).toMatch(/was never started/);
  });

  it('a third-sector partner may not record a DID (the employment centre emits it), nor keep the company registry, but may read it', async () => {
    const caseId = await openedCase();
    await post('/referrals/{caseId}', caseId);

    expect(await post('/referrals/{caseId}/did', caseId, examples['/referrals/{caseId}/did'], 'ets-sesto')).toMatchObject({ status: 403, body: { rule: 'emitter-not-allowed' } });
    expect(await post('/companies', caseId, examples['/companies'], 'ets-sesto')).toMatchObject({ status: 403, body: { rule: 'scope-not-for-this-kind' } });
    const read = await fetch(`${url}/companies?ambito=LOM-SESTO-SAN-GIOVANNI`, { headers: await headers('ets-sesto') });
    expect(read.status).toBe(200);
  });

  it('the CPI registers a host, opens a placement, and finds it in the matching of a person whose pact asked for a tirocinio, with the reasons', async () => {
    const caseId = await openedCase();
    for (const [route] of pathway.slice(0, 7)) await post(route, caseId);
    const registered = await post('/companies', caseId);
    const companyId = registered.body['companyId'] as string;
    const opened = await post(`/companies/${companyId}/placements`, caseId, { ...(examples['/companies/{companyId}/placements'] as object), sector: 'pulizie-servizi', requirements: [] });
    const outside = await fetch(`${url}/companies?ambito=LOM-ADDA-MARTESANA`, { headers: await headers('cpi-sesto') });
    const matching = await fetch(`${url}/matching/tirocini?ambito=LOM-SESTO-SAN-GIOVANNI`, { headers: await headers('cpi-sesto', true) });
    const body = (await matching.json()) as { matches: { caseId: string; companyName: string; reasons: string[] }[] };

    expect([registered.status, opened.status, outside.status, matching.status]).toEqual([201, 201, 403, 200]);
    const mine = body.matches.filter((m) => m.caseId === caseId);
    expect(mine[0]).toMatchObject({ companyName: 'Logistica Brianza S.r.l.' });
    expect(mine.find((m) => m.companyName === 'Cooperativa Sociale Esempio')?.reasons).toEqual([
      // The example host is in Cologno Monzese, the person's CPI in Sesto San Giovanni: the same Ambito, not the same Comune.
      'stesso Ambito territoriale',
      "tirocinio di inclusione, come richiesto dal Patto per l'inclusione",
      'tirocinio previsto dal Patto di servizio (PSP)',
      'convenzione in corso con il promotore (CONV-AFOL-2026-0999)',
      'nessun requisito specifico',
    ]);
    expect(Object.keys(mine[0]!)).not.toContain('usesQualification');
  });

  it('the matching reads people’s data: without the operator’s tracking evidence it is refused', async () => {
    const response = await fetch(`${url}/matching/tirocini?ambito=LOM-SESTO-SAN-GIOVANNI`, { headers: await headers('cpi-sesto') });

    expect(response.status).toBe(401);
  });
});
