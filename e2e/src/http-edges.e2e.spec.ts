import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@traiettorie/testing';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { assessment, openCase, pact } from './fixtures.js';
import { chainKeyEnv, committedEvents, get, globalLog, hubFetch, post, startHub, type Hub } from './hub.js';

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'packages', 'event-store', 'dist', 'cli.js');

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; rule: string; message: string }[];
  [key: string]: unknown;
}

/** Sends a raw body with exactly the given headers (fetch adds no content type to a Blob without one). */
async function send(url: string, body: string | Blob, headers: Record<string, string> = {}) {
  const response = await hubFetch(url, { method: 'POST', headers, body });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

function problemOf(response: { headers: Headers; text: string }): Problem {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return JSON.parse(response.text) as Problem;
}

describe('HTTP edges of the hub, on real PostgreSQL and Kafka', () => {
  let hub: Hub;
  let social: string;
  beforeAll(async () => {
    hub = await startHub('http-edges');
    social = hub.url('social-services');
  });
  afterAll(() => hub?.stop());

  describe('routes and media types', () => {
    it('an unknown route is a neutral 404 problem, not a NotFoundException', async () => {
      for (const name of ['social-services', 'employment-centre', 'read-models'] as const) {
        const response = await fetch(`${hub.url(name)}/nowhere`);
        expect(response.status).toBe(404);
        const problem = problemOf({ headers: response.headers, text: await response.text() });
        expect(problem).toMatchObject({ type: 'about:blank', title: 'Not Found', status: 404 });
        expect(JSON.stringify(problem)).not.toMatch(/Exception/);
      }
    });

    it('problem titles name no resource kind: a 409 says "The resource\'s state does not allow this"', async () => {
      const caseId = (await post(`${social}/cases`, openCase)).body['caseId'] as string;
      const early = await post(`${social}/cases/${caseId}/pact`, pact);
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({ type: 'urn:traiettorie:problem:illegal-state', title: "The resource's state does not allow this" });
      const stale = await post(`${social}/cases/${caseId}/assessment`, assessment, { 'if-match': '"0"' });
      expect(stale.body).toMatchObject({ type: 'urn:traiettorie:problem:concurrency', title: 'The resource changed since you read it' });
    });

    it('a body without a content type is refused with 415 naming application/json, not 422', async () => {
      const response = await send(`${social}/cases`, new Blob([JSON.stringify(openCase)]));
      expect(response.status).toBe(415);
      const problem = problemOf(response);
      expect(problem).toMatchObject({ type: 'urn:traiettorie:problem:unsupported-media-type', status: 415, accepted: ['application/json'] });
      expect(problem.detail).toContain('application/json');
      expect(problem.errors).toBeUndefined();
    });

    it('a text/plain or form body is refused with 415 naming application/json; nothing is stored', async () => {
      const before = (await committedEvents(hub.db)).length;
      for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
        const response = await send(`${social}/cases`, JSON.stringify(openCase), { 'content-type': contentType });
        expect({ contentType, status: response.status }).toEqual({ contentType, status: 415 });
        expect(problemOf(response).detail).toContain('application/json');
        expect(response.headers.get('accept-post')).toBe('application/json');
      }
      expect((await committedEvents(hub.db)).length).toBe(before);
    });

    it('GET /cases/ with an empty case id on the read model is a 404 problem, not the list', async () => {
      const response = await fetch(`${hub.url('read-models')}/cases/`);
      expect(response.status).toBe(404);
      expect(problemOf({ headers: response.headers, text: await response.text() })).toMatchObject({ title: 'Not Found', status: 404 });
      expect((await hubFetch(`${hub.url('read-models')}/cases`)).status).toBe(200);
    });
  });

  describe('the case across agencies', () => {
    let caseId: string;
    let eventIds: string[];
    beforeAll(async () => {
      const opened = await post(`${social}/cases`, openCase);
      caseId = opened.body['caseId'] as string;
      const assessed = await post(`${social}/cases/${caseId}/assessment`, assessment);
      const signed = await post(`${social}/cases/${caseId}/pact`, pact);
      eventIds = [opened, assessed, signed].map((r) => (r.body['events'] as { id: string }[])[0]!.id);
    });

    it("GET /cases/{id}/events returns the case's whole history, the employment centre's events included, in global-log order", async () => {
      const history = await waitFor(
        async () => (await get(`${social}/cases/${caseId}/events`)).body as { id: string; type: string; source: string }[],
        // The CPI takes in the assessment's referral and, the pact having a tirocinio, its placement request.
        (events) => events.length === 5,
        { what: "the employment centre's referral and placement request to join the case's history", timeoutMs: 60_000 },
      );
      const log = (await globalLog(hub.db)).filter((e) => e.streamId.endsWith(caseId));
      expect(history.map((e) => e.id)).toEqual(log.map((e) => e.id));
      expect([...history.map((e) => e.type)].sort()).toEqual(['AssessmentCompleted', 'CaseOpened', 'EmploymentReferralReceived', 'PactSigned', 'TirocinioPlacementRequested']);
      expect(history.find((e) => e.type === 'EmploymentReferralReceived')?.source).toMatch(/^\/agencies\/employment-centre\//);
    });

    it('GET /referrals lists the CPI referrals with status and PSP due date, paginated', async () => {
      const others: string[] = [];
      for (let i = 0; i < 2; i++) {
        const id = (await post(`${social}/cases`, openCase)).body['caseId'] as string;
        await post(`${social}/cases/${id}/assessment`, assessment);
        others.push(id);
      }
      // A case assessed without a referral to employment services has no referral.
      const unreferred = (await post(`${social}/cases`, openCase)).body['caseId'] as string;
      await post(`${social}/cases/${unreferred}/assessment`, { ...assessment, referrals: ['third-sector'] });
      const all = [caseId, ...others];
      const referrals = await waitFor(
        async () => (await get(`${hub.url('employment-centre')}/referrals?limit=500`)).body as { caseId: string; status: string; servicePactDueBy: string }[],
        (list) => all.every((id) => list.some((r) => r.caseId === id)),
        { what: 'every referral to be listed', timeoutMs: 60_000 },
      );
      expect(referrals.map((r) => r.caseId)).not.toContain(unreferred);
      for (const id of all) {
        const single = (await get(`${hub.url('employment-centre')}/referrals/${id}`)).body;
        expect(referrals.find((r) => r.caseId === id)).toEqual(single);
        expect(single).toMatchObject({ status: 'referred', servicePactDueBy: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
      }
      const dues = referrals.map((r) => `${r.servicePactDueBy} ${r.caseId}`);
      expect(dues).toEqual([...dues].sort());
      const pages = [];
      for (let offset = 0; offset < referrals.length; offset += 2) {
        pages.push(...((await get(`${hub.url('employment-centre')}/referrals?limit=2&offset=${offset}`)).body as unknown[]));
      }
      expect(pages).toEqual(referrals);
      expect((await get(`${hub.url('employment-centre')}/referrals?limit=0`)).status).toBe(422);
    });

    it('GET /cases/{id}?waitFor=<event id> answers once the read model has applied that event', async () => {
      const pactEventId = eventIds[2]!;
      const response = await get(`${hub.url('read-models')}/cases/${caseId}?waitFor=${pactEventId}&timeout=30`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ caseId, status: 'pact-signed' });
      const { rows } = await hub.db.pool.query("SELECT 1 FROM read_models.processed_events WHERE event_id = $1 AND projection = 'case-summary'", [pactEventId]);
      expect(rows).toHaveLength(1);
    });

    it('waitFor an event the read model never applies answers 504 not-yet-applied after the timeout, and the timeout is bounded', async () => {
      const started = Date.now();
      const response = await hubFetch(`${hub.url('read-models')}/cases/${caseId}?waitFor=6f1c2f4e-2b1a-4c3d-9e8f-0a1b2c3d4e5f&timeout=1`);
      const elapsed = Date.now() - started;
      expect(response.status).toBe(504);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(await response.json()).toMatchObject({ type: 'urn:traiettorie:problem:not-yet-applied', status: 504 });
      expect(elapsed).toBeGreaterThanOrEqual(900);
      expect(elapsed).toBeLessThan(5000);
      const tooLong = await get(`${hub.url('read-models')}/cases/${caseId}?waitFor=6f1c2f4e-2b1a-4c3d-9e8f-0a1b2c3d4e5f&timeout=31`);
      expect(tooLong.status).toBe(422);
      expect((tooLong.body as Problem).errors).toEqual([expect.objectContaining({ path: 'timeout', rule: 'max:30' })]);
    });
  });

  describe('the store command line', () => {
    it('verify prints the chain head: its position and hash', async () => {
      await post(`${social}/cases`, openCase);
      const run = () => promisify(execFile)(process.execPath, [cli, 'verify'], { env: { ...process.env, DATABASE_URL: hub.db.url, ...chainKeyEnv(hub.db) } });
      // The log is counted again at each try: another spec file's open transaction can hold the readers' horizon back for a moment (ADR 2).
      const { events, stdout, stderr } = await waitFor(
        async () => ({ events: (await globalLog(hub.db)).length, ...(await run()) }),
        (r) => r.events > 0 && r.stdout.includes(`OK: ${r.events} events verified`),
        { what: 'the relay to seal the log' },
      );
      const { rows } = await hub.db.pool.query<{ seq: string; global_position: string; hash: string }>(
        `SELECT seq, global_position, encode(hash, 'hex') AS hash FROM event_store.chain WHERE seq = $1`,
        [events],
      );
      const head = rows[0]!;
      expect(stdout).toContain(`chain head: #${events} at global position ${head.global_position}, hash ${head.hash}`);
      expect(head.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stderr).toContain(`database: ${hub.db.url}`);
    });

    it('without DATABASE_URL it uses the database npm start uses, and says so on stderr', async () => {
      const env = { ...process.env };
      delete env['DATABASE_URL'];
      const result = await promisify(execFile)(process.execPath, [cli, 'migrate'], { env }).catch((error: { stdout: string; stderr: string }) => error);
      expect(result.stderr).toContain('database: postgres://postgres@127.0.0.1:5432/traiettorie (default');
      expect(result.stderr).not.toContain('DATABASE_URL is not set');
    });
  });

  describe('robustness: bad text and personal data in the body', () => {
    /** Every value the test sent must be absent from the answer. */
    function expectNothingEchoed(responseText: string, ...values: string[]) {
      for (const value of values) expect(responseText).not.toContain(value);
    }

    it('a NUL character in a string field is a 422 naming the field and rule no-control-characters, not a 500', async () => {
      const secret = 'Mario\u0000Rossi';
      const response = await send(`${social}/cases`, JSON.stringify({ ...openCase, householdRef: secret }), { 'content-type': 'application/json' });
      expect(response.status).toBe(422);
      const problem = problemOf(response);
      expect(problem.type).toBe('urn:traiettorie:problem:validation');
      expect(problem.errors).toEqual([expect.objectContaining({ path: 'householdRef', rule: 'no-control-characters' })]);
      expectNothingEchoed(response.text, 'Mario', 'Rossi', '\\u0000');
    });

    it('a lone surrogate in a nested string field is a 422 naming the field and rule well-formed-unicode, not a 500', async () => {
      const caseId = (await post(`${social}/cases`, openCase)).body['caseId'] as string;
      await post(`${social}/cases/${caseId}/assessment`, assessment);
      const body = JSON.stringify({ ...pact, objectives: [{ code: 'EMP-1', description: 'Giuseppe Verdi \ud800' }] });
      expect(body).toContain('\\ud800');
      const response = await send(`${social}/cases/${caseId}/pact`, body, { 'content-type': 'application/json' });
      expect(response.status).toBe(422);
      const problem = problemOf(response);
      expect(problem.type).toBe('urn:traiettorie:problem:validation');
      expect(problem.errors).toEqual([expect.objectContaining({ path: 'objectives.0.description', rule: 'well-formed-unicode' })]);
      expectNothingEchoed(response.text, 'Giuseppe', 'Verdi', 'ud800');
      // Nothing was stored: the case still takes its pact.
      expect((await post(`${social}/cases/${caseId}/pact`, pact)).status).toBe(201);
    });

    it.each([
      ['personRef', { personRef: 'P-RSSMRA85T10A562S' }, 'personRef', 'RSSMRA85T10A562S'],
      ['personRef (lower case)', { personRef: 'p-rssmra85t10a562s-x' }, 'personRef', 'rssmra85t10a562s'],
      ['householdRef', { householdRef: 'H-VRDGPP80A01F205X' }, 'householdRef', 'VRDGPP80A01F205X'],
      ['householdRef (a bare codice fiscale)', { householdRef: 'VRDGPP80A01F205X' }, 'householdRef', 'VRDGPP80A01F205X'],
    ])('a codice fiscale inside %s is a 422 with rule not-fiscal-code', async (_label, change, field, fiscalCode) => {
      const response = await send(`${social}/cases`, JSON.stringify({ ...openCase, ...change }), { 'content-type': 'application/json' });
      expect(response.status).toBe(422);
      const problem = problemOf(response);
      expect(problem.type).toBe('urn:traiettorie:problem:validation');
      expect(problem.errors).toEqual([expect.objectContaining({ path: field, rule: 'not-fiscal-code' })]);
      expectNothingEchoed(response.text, fiscalCode, fiscalCode.toUpperCase(), fiscalCode.slice(0, 6));
    });

    it('a codice fiscale inside a bound member of the pact is a 422 with rule not-fiscal-code', async () => {
      const caseId = (await post(`${social}/cases`, openCase)).body['caseId'] as string;
      await post(`${social}/cases/${caseId}/assessment`, assessment);
      const response = await send(`${social}/cases/${caseId}/pact`, JSON.stringify({ ...pact, boundMembers: ['P-SSG-7f3a91', 'M:RSSMRA85T10A562S'] }), {
        'content-type': 'application/json',
      });
      expect(response.status).toBe(422);
      const problem = problemOf(response);
      expect(problem.errors).toEqual([expect.objectContaining({ path: 'boundMembers.1', rule: 'not-fiscal-code' })]);
      expectNothingEchoed(response.text, 'RSSMRA85T10A562S', 'RSSMRA');
    });

    it('a body that is a bare JSON string is a 400 that echoes nothing of it', async () => {
      const response = await send(`${social}/cases`, JSON.stringify('RSSMRA85T10A562S Mario Rossi'), { 'content-type': 'application/json' });
      expect(response.status).toBe(400);
      const problem = problemOf(response);
      expect(problem).toMatchObject({ type: 'urn:traiettorie:problem:malformed-request', status: 400 });
      expectNothingEchoed(response.text, 'RSSMRA', 'Mario', 'Rossi', '"RSS');
    });

    it('a body that is not JSON at all is a 400 that echoes nothing of it', async () => {
      const response = await send(`${social}/cases`, '{"personRef": Mario Rossi RSSMRA85T10A562S', { 'content-type': 'application/json' });
      expect(response.status).toBe(400);
      expect(problemOf(response).type).toBe('urn:traiettorie:problem:malformed-request');
      expectNothingEchoed(response.text, 'Mario', 'Rossi', 'RSSMRA', 'personRef');
    });
  });
});
