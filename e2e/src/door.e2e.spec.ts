import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoClients } from '@traiettorie/access';
import { toCloudEvent } from '@traiettorie/command-handling';
import { CLIENT_ASSERTION_TYPE, digestOf, signClientAssertion, signTrackingEvidence } from '@traiettorie/authority';
import { SignJWT, type JWTPayload } from 'jose';
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { openCase } from './fixtures.js';
import { committedEvents, hubStore, startHub, type Hub } from './hub.js';

/** Token tests (issue 10) on the real HTTP services: every refusal is a 401 naming its rule, and nothing is stored. */
describe('the door: who is calling', () => {
  let hub: Hub;
  let social: string;
  let readModels: string;
  let authority: string;
  let kid: string;
  const purposeOf = (clientId: string) => demoClients.find((c) => c.clientId === clientId)!.purposes[0]!;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    hub = await startHub('door');
    social = hub.url('social-services');
    readModels = hub.url('read-models');
    authority = hub.url('authority');
    kid = ((await (await fetch(`${authority}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] }).keys[0]!.kid;
  });
  afterAll(() => hub?.stop());

  /** A voucher as the hub's authority would sign it, with claims and header changed as a test needs. */
  function forge(claims: JWTPayload = {}, options: { key?: KeyObject; header?: Record<string, unknown> } = {}): Promise<string> {
    const t = now();
    return new SignJWT({
      iss: authority,
      aud: hub.door.audience,
      client_id: 'ss-sesto',
      purposeId: purposeOf('ss-sesto'),
      iat: t,
      nbf: t,
      exp: t + 600,
      jti: randomUUID(),
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid, ...options.header })
      .sign(options.key ?? hub.door.authorityKey);
  }

  /** A voucher from the authority through the client-credentials flow, carrying a chosen digest. */
  async function voucherWithDigest(clientId: string, digest: string): Promise<string> {
    const assertion = await signClientAssertion({
      clientId,
      privateKey: hub.door.clientKeys.get(clientId)!,
      tokenAudience: `${authority}/token`,
      purposeId: purposeOf(clientId),
      digest,
    });
    const response = await fetch(`${authority}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: assertion }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { access_token: string }).access_token;
  }

  const evidenceOf = (clientId: string, signer = clientId) =>
    signTrackingEvidence({ clientId, privateKey: hub.door.clientKeys.get(signer)!, hubAudience: hub.door.audience, operator: { userID: 'op-sesto-017', userLocation: 'e2e', LoA: 'LoA3' } });

  const count = async () => (await committedEvents(hub.db)).length;

  /** Sends a request and checks the 401: problem+json, the rule, WWW-Authenticate, nothing of the credentials echoed. */
  async function expectRefused(request: { url: string; method?: 'GET' | 'POST'; headers: Record<string, string> }, rule: string) {
    const response = await fetch(request.url, {
      method: request.method ?? 'POST',
      headers: { 'content-type': 'application/json', ...request.headers },
      ...(request.method === 'GET' ? {} : { body: JSON.stringify(openCase) }),
    });
    const text = await response.text();
    expect({ rule, status: response.status }).toEqual({ rule, status: 401 });
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(JSON.parse(text)).toMatchObject({ type: 'urn:traiettorie:problem:unauthenticated', status: 401, rule });
    for (const value of Object.values(request.headers)) for (const part of value.split(/[ .]/).filter((p) => p.length > 20)) expect(text).not.toContain(part);
    expect(text).not.toContain(openCase.personRef);
  }
  const command = (authorization: string | undefined) => ({ url: `${social}/cases`, headers: authorization === undefined ? ({} as Record<string, string>) : { authorization } });

  it('a command with a bad voucher is refused with 401 naming why, and nothing is appended', async () => {
    const before = await count();
    const t = now();
    const rogue = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${Buffer.from(
      JSON.stringify({ iss: authority, aud: hub.door.audience, client_id: 'ss-sesto', purposeId: purposeOf('ss-sesto'), iat: t, nbf: t, exp: t + 600, jti: randomUUID() }),
    ).toString('base64url')}.`;
    const hs256 = await new SignJWT({ iss: authority, aud: hub.door.audience, client_id: 'ss-sesto', purposeId: purposeOf('ss-sesto'), jti: randomUUID() })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setIssuedAt()
      .setNotBefore(t)
      .setExpirationTime(t + 600)
      .sign(new TextEncoder().encode('a shared secret the hub never trusts'));
    const cases: [string, string | undefined][] = [
      ['voucher-missing', undefined],
      ['voucher-malformed', 'Bearer not-a-jwt'],
      ['voucher-malformed', `Basic ${Buffer.from('ss-sesto:secret').toString('base64')}`],
      ['voucher-malformed', `Bearer ${await forge({ client_id: undefined })}`],
      ['voucher-expired', `Bearer ${await forge({ iat: t - 1200, nbf: t - 1200, exp: t - 120 })}`],
      ['voucher-not-yet-valid', `Bearer ${await forge({ nbf: t + 300 })}`],
      ['wrong-audience', `Bearer ${await forge({ aud: 'another-e-service' })}`],
      ['wrong-issuer', `Bearer ${await forge({ iss: 'https://auth.interop.pagopa.it' })}`],
      ['wrong-type', `Bearer ${await forge({}, { header: { typ: 'JWT' } })}`],
      ['unknown-key', `Bearer ${await forge({}, { key: rogue, header: { kid: 'rogue-1' } })}`],
      ['unknown-key', `Bearer ${await forge({}, { key: rogue })}`],
      ['alg-none', `Bearer ${unsigned}`],
      ['unsupported-algorithm', `Bearer ${hs256}`],
      ['unknown-client', `Bearer ${await forge({ client_id: 'ss-nowhere' })}`],
      ['purpose-not-allowed', `Bearer ${await forge({ purposeId: purposeOf('cpi-sesto') })}`],
    ];
    for (const [rule, authorization] of cases) await expectRefused(command(authorization), rule);
    expect(await count()).toBe(before);
  });

  it("a command's voucher is good once: replayed within its lifetime it is refused (voucher-replayed), and only the first is appended", async () => {
    const before = await count();
    const headers = await hub.as('ss-sesto');
    const first = await fetch(`${social}/cases`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(openCase) });
    expect(first.status).toBe(201);
    await expectRefused({ url: `${social}/cases`, headers }, 'voucher-replayed');
    expect(await count()).toBe(before + 1);
  });

  it("a good voucher's command succeeds and the stored event's source is the caller's agency, never the service's setting or the body", async () => {
    const body = { ...openCase, ambito: 'LOM-ADDA-MARTESANA', source: '/agencies/social-services/ambito-sesto-san-giovanni' };
    const response = await fetch(`${social}/cases`, { method: 'POST', headers: { 'content-type': 'application/json', ...(await hub.as('ss-adda')) }, body: JSON.stringify(body) });
    const answer = (await response.json()) as { caseId?: string };
    if (response.status === 422) {
      // The body's `source` is not a field of the contract: the same body without it.
      const { source: _ignored, ...contractBody } = body;
      const retry = await fetch(`${social}/cases`, { method: 'POST', headers: { 'content-type': 'application/json', ...(await hub.as('ss-adda')) }, body: JSON.stringify(contractBody) });
      expect(retry.status).toBe(201);
      Object.assign(answer, (await retry.json()) as object);
    } else {
      expect(response.status).toBe(201);
    }
    // The case's stream as stored (a stream read sees the commit at once; the global log may lag behind other suites' transactions, ADR 2).
    const stored = await hubStore(hub.db).readStream(`case-${answer.caseId}`);
    expect(stored.map((e) => [e.type, toCloudEvent(e).source])).toEqual([['CaseOpened', '/agencies/social-services/ambito-adda-martesana']]);
  });

  describe('a personal-data read needs the operator’s tracking evidence, bound to the voucher (AgID Audit REST 02)', () => {
    const read = (headers: Record<string, string>) => ({ url: `${readModels}/cases`, method: 'GET' as const, headers });

    it('without it: tracking-evidence-missing', async () => {
      await expectRefused(read(await hub.as('ss-sesto')), 'tracking-evidence-missing');
      await expectRefused({ url: `${hub.url('employment-centre')}/referrals`, method: 'GET', headers: await hub.as('cpi-sesto') }, 'tracking-evidence-missing');
      await expectRefused({ url: `${social}/cases/${randomUUID()}/events`, method: 'GET', headers: await hub.as('ss-sesto') }, 'tracking-evidence-missing');
    });

    it('signed by another client: tracking-evidence-invalid', async () => {
      const evidence = await evidenceOf('ss-sesto', 'cpi-sesto');
      const voucher = await voucherWithDigest('ss-sesto', digestOf(evidence));
      await expectRefused(read({ authorization: `Bearer ${voucher}`, 'agid-jwt-trackingevidence': evidence }), 'tracking-evidence-invalid');
    });

    it('not bound to the voucher: tracking-evidence-not-bound', async () => {
      const evidence = await evidenceOf('ss-sesto');
      const unbound = await hub.as('ss-sesto');
      await expectRefused(read({ ...unbound, 'agid-jwt-trackingevidence': evidence }), 'tracking-evidence-not-bound');
      const boundToAnother = await voucherWithDigest('ss-sesto', digestOf(await evidenceOf('ss-sesto')));
      await expectRefused(read({ authorization: `Bearer ${boundToAnother}`, 'agid-jwt-trackingevidence': evidence }), 'tracking-evidence-not-bound');
    });

    it('with it: the read answers, as often as the voucher lasts', async () => {
      const headers = await hub.as('ss-sesto', { operator: 'op-sesto-017' });
      for (const attempt of [1, 2]) expect({ attempt, status: (await fetch(`${readModels}/cases`, { headers })).status }).toEqual({ attempt, status: 200 });
    });
  });

  it('health and the OpenAPI pages need no voucher', async () => {
    for (const url of [`${social}/health`, `${social}/docs-json`, `${readModels}/health`]) expect({ url, status: (await fetch(url)).status }).toEqual({ url, status: 200 });
  });

  describe('the local authority (PDND-shaped, RFC 7523 private_key_jwt)', () => {
    const token = async (clientId: string, assertion: string) => {
      const response = await fetch(`${authority}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: assertion }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const assertionOf = (clientId: string, options: { signer?: string; purposeId?: string } = {}) =>
      signClientAssertion({
        clientId,
        privateKey: hub.door.clientKeys.get(options.signer ?? clientId)!,
        tokenAudience: `${authority}/token`,
        purposeId: options.purposeId ?? purposeOf(clientId),
      });

    it('issues an RS256 at+jwt voucher with the PDND claims; the same assertion twice is refused', async () => {
      const assertion = await assertionOf('cpi-sesto');
      const first = await token('cpi-sesto', assertion);
      expect(first).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 600 } });
      const [header, payload] = (first.body['access_token'] as string).split('.').slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>);
      expect(header).toEqual({ alg: 'RS256', typ: 'at+jwt', kid });
      expect(payload).toMatchObject({ iss: authority, aud: hub.door.audience, client_id: 'cpi-sesto', purposeId: purposeOf('cpi-sesto') });
      expect(Object.keys(payload!)).toEqual(expect.arrayContaining(['exp', 'nbf', 'iat', 'jti']));
      expect(await token('cpi-sesto', assertion)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    });

    it('refuses an unknown client, an assertion signed by another client, and a purpose not the client’s', async () => {
      expect(await token('ss-nowhere', await assertionOf('ss-sesto'))).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
      expect(await token('ss-sesto', await assertionOf('ss-sesto', { signer: 'ss-adda' }))).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
      expect(await token('ss-sesto', await assertionOf('ss-sesto', { purposeId: purposeOf('cps-sesto') }))).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    });
  });
});
