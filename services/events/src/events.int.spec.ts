import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { caseStreamOf, type HubEvent } from '@traiettorie/contracts';
import { toNewEvent } from '@traiettorie/command-handling';
import { sampleEvent, waitFor } from '@traiettorie/testing';
import { CloudEvent, HTTP } from 'cloudevents';
import { randomUUID } from 'node:crypto';
import { sourceOfClient, startEventsHub, type EventsHub } from './events.fixture.js';

const SESTO = sourceOfClient('ss-sesto');
const BATCH = 'application/cloudevents-batch+json';

/** The pathway of one case as the social services' own system holds it: opened, assessed, pact signed. */
function pathway(caseId = randomUUID()): HubEvent[] {
  const t = (minute: number) => `2026-10-01T09:${String(minute).padStart(2, '0')}:00.000Z`;
  return [
    { ...sampleEvent('CaseOpened', { caseId, time: t(0) }), source: SESTO },
    { ...sampleEvent('AssessmentCompleted', { caseId, time: t(1) }), source: SESTO },
    { ...sampleEvent('PactSigned', { caseId, time: t(2) }), source: SESTO },
  ];
}

describe('POST /events and GET /events on PostgreSQL, behind the door', () => {
  let hub: EventsHub;
  beforeAll(async () => {
    hub = await startEventsHub('events');
  });
  afterAll(() => hub?.stop());

  async function postBatch(events: unknown[], clientId = 'ss-sesto') {
    const response = await fetch(`${hub.url}/events`, {
      method: 'POST',
      headers: { 'content-type': BATCH, ...(await hub.as(clientId)) },
      body: JSON.stringify(events),
    });
    return { status: response.status, body: (await response.json()) as { results: { index: number; id?: string; status: string; problem?: Record<string, unknown> }[]; accepted: number; duplicate: number; refused: number } };
  }

  const stored = async (caseId: string) => (await hub.store.readStream(caseStreamOf('social-services', caseId))).map((e) => ({ id: e.id, type: e.type, source: e.metadata['source'], time: e.metadata['time'] }));

  describe('publishing', () => {
    it('in binary mode (the SDK’s HTTP.binary) › the event is accepted (201) and stored with its own id, source and time', async () => {
      const [opened] = pathway();
      const message = HTTP.binary(new CloudEvent(opened as never));
      const response = await fetch(`${hub.url}/events`, { method: 'POST', headers: { ...(message.headers as Record<string, string>), ...(await hub.as('ss-sesto')) }, body: message.body as string });
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ results: [{ index: 0, id: opened!.id, type: 'CaseOpened', status: 'accepted' }], accepted: 1, duplicate: 0, refused: 0 });
      expect(await stored(opened!.subject)).toEqual([{ id: opened!.id, type: 'CaseOpened', source: SESTO, time: opened!.time }]);
    });

    it('in structured mode (the SDK’s HTTP.structured) › accepted; posted again › 200 duplicate, nothing stored twice', async () => {
      const [opened] = pathway();
      const send = async () => {
        const message = HTTP.structured(new CloudEvent(opened as never));
        return fetch(`${hub.url}/events`, { method: 'POST', headers: { ...(message.headers as Record<string, string>), ...(await hub.as('ss-sesto')) }, body: message.body as string });
      };
      expect((await send()).status).toBe(201);
      const again = await send();
      expect(again.status).toBe(200);
      expect(((await again.json()) as { results: { status: string }[] }).results[0]!.status).toBe('duplicate');
      expect(await stored(opened!.subject)).toHaveLength(1);
    });

    it('as a batch › each event has its outcome in order, one refusal does not stop the others, and re-posting the batch stores nothing twice', async () => {
      const first = pathway();
      const second = pathway();
      // The second case's pact comes before its assessment: the decider refuses it, and only it.
      const batch = [...first, second[0]!, second[2]!, second[1]!];
      const posted = await postBatch(batch);
      expect(posted.status).toBe(200);
      expect(posted.body.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'refused', 'accepted']);
      expect(posted.body.results[4]!.problem).toMatchObject({ type: 'urn:traiettorie:problem:illegal-state', status: 409, detail: expect.stringMatching(/before the assessment/) });
      const again = await postBatch(batch);
      expect(again.body.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'accepted', 'duplicate']);
      expect((await stored(first[0]!.subject)).map((e) => e.type)).toEqual(['CaseOpened', 'AssessmentCompleted', 'PactSigned']);
      expect((await stored(second[0]!.subject)).map((e) => e.type)).toEqual(['CaseOpened', 'AssessmentCompleted', 'PactSigned']);
      const third = await postBatch(batch);
      expect(third.body).toMatchObject({ accepted: 0, duplicate: 6, refused: 0 });
    });

    it('when two systems post the same batch at once › each event is stored once, accepted by one and a duplicate for the other', async () => {
      const batch = [...pathway(), ...pathway()];
      const [a, b] = await Promise.all([postBatch(batch), postBatch(batch)]);
      batch.forEach((_, i) => expect([a.body.results[i]!.status, b.body.results[i]!.status].sort()).toEqual(['accepted', 'duplicate']));
      expect((await stored(batch[0]!.subject)).map((e) => e.type)).toEqual(['CaseOpened', 'AssessmentCompleted', 'PactSigned']);
    });

    it('when an id already stored is posted with other content › it is refused (409 duplicate-event-id) and the stored event stays', async () => {
      const [opened] = pathway();
      await postBatch([opened]);
      const changed = { ...opened!, data: { ...(opened!.data as object), referralDate: '2026-09-01' } };
      const posted = await postBatch([changed]);
      expect(posted.body.results[0]).toMatchObject({ status: 'refused', problem: { type: 'urn:traiettorie:problem:duplicate-event-id', status: 409 } });
      expect(await stored(opened!.subject)).toHaveLength(1);
    });

    it('refusals name the rule: another agency’s source, another Ambito, a type the caller’s kind may not emit, a broken contract; personal data is never echoed', async () => {
      const [opened] = pathway();
      const fiscalCode = 'RSSMRA80A01F205X';
      const batch = [
        { ...opened!, id: randomUUID(), source: '/agencies/social-services/ambito-adda-martesana' },
        { ...opened!, id: randomUUID(), ambito: 'LOM-ADDA-MARTESANA' },
        { ...sampleEvent('TrainingEnrolled'), source: SESTO },
        { ...opened!, id: randomUUID(), personref: fiscalCode },
        'not an event',
        opened!,
      ];
      const posted = await postBatch(batch);
      expect(posted.body.results.map((r) => [r.status, r.problem?.['status'], r.problem?.['rule'] ?? (r.problem?.['errors'] as { rule: string }[] | undefined)?.[0]?.rule])).toEqual([
        ['refused', 403, 'source-not-yours'],
        ['refused', 403, 'ambito-not-yours'],
        ['refused', 403, 'emitter-not-allowed'],
        ['refused', 422, expect.any(String)],
        ['refused', 422, 'cloudevent-object'],
        ['accepted', undefined, undefined],
      ]);
      expect((posted.body.results[3]!.problem!['errors'] as { path: string }[]).map((e) => e.path)).toContain('personref');
      expect(JSON.stringify(posted.body)).not.toContain(fiscalCode);
    });

    it('a single refused event (structured mode) › answered with its problem, as a command would be', async () => {
      const [, assessed] = pathway();
      const response = await fetch(`${hub.url}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/cloudevents+json', ...(await hub.as('ss-sesto')) },
        body: JSON.stringify(assessed),
      });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(await response.json()).toMatchObject({ type: 'urn:traiettorie:problem:not-found', instance: '/events' });
    });

    it('a reader (the auditor) publishes nothing › 403', async () => {
      const posted = await postBatch(pathway(), 'auditor');
      expect(posted.status).toBe(403);
    });

    it('a body that is no CloudEvent › 415 naming the accepted modes', async () => {
      const response = await fetch(`${hub.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...(await hub.as('ss-sesto')) }, body: '{}' });
      expect(response.status).toBe(415);
    });
  });

  describe('the feed', () => {
    type Page = { events: (HubEvent & { redacted?: string[] })[]; next: string };
    async function feed(clientId: string, query: string) {
      const response = await fetch(`${hub.url}/events?${query}`, { headers: await hub.as(clientId) });
      return { status: response.status, link: response.headers.get('link'), body: (await response.json()) as Page };
    }
    /** Every page from the start, as a client resuming from each `next` reads them. */
    async function readAll(clientId: string, limit: number): Promise<Page['events']> {
      const all: Page['events'] = [];
      let after = '';
      for (;;) {
        const page = await feed(clientId, `after=${after}&limit=${limit}`);
        expect(page.status).toBe(200);
        expect(page.link).toBe(`</events?after=${encodeURIComponent(page.body.next)}&limit=${limit}>; rel="next"`);
        all.push(...page.body.events);
        if (page.body.events.length === 0) return all;
        after = page.body.next;
      }
    }

    it('returns in log order the events of the caller’s Ambiti, resumable page by page, without the hub’s access records', async () => {
      const caseEvents = pathway();
      await postBatch(caseEvents);
      // The global log shows a commit once older transactions end (ADR 2): read once it shows the batch.
      const whole = await waitFor(
        () => readAll('ss-sesto', 1000),
        (events) => caseEvents.every((e) => events.some((seen) => seen.id === e.id)),
        { what: 'the feed to show the batch just posted' },
      );
      const paged = await readAll('ss-sesto', 2);
      expect(paged.map((e) => e.id)).toEqual(whole.map((e) => e.id));
      const ids = whole.map((e) => e.id);
      expect(caseEvents.map((e) => ids.indexOf(e.id))).toEqual([...caseEvents.map((e) => ids.indexOf(e.id))].sort((a, b) => a - b));
      expect(caseEvents.every((e) => ids.includes(e.id))).toBe(true);
      expect(whole.some((e) => e.type === 'PersonalDataAccessed')).toBe(false);
      // Another Ambito's social services see none of Sesto's cases.
      expect(await readAll('ss-adda', 1000)).toEqual([]);
    });

    it('redacts special-category fields as the case history does: the CPI does not see which specialist service is involved', async () => {
      const [opened] = pathway();
      await postBatch([opened]);
      const involved = sampleEvent('SpecialistServiceInvolved', { caseId: opened!.subject });
      await hub.store.appendToStream(caseStreamOf('health-services', opened!.subject), [toNewEvent(involved)]);
      // The log shows a commit once every transaction older than it has ended, anywhere on the server (ADR 2): wait for it.
      const seen = (reader: string) =>
        waitFor(async () => (await readAll(reader, 1000)).find((e) => e.id === involved.id), Boolean, { what: `the involvement in ${reader}'s feed` });
      const seenByCpi = await seen('cpi-sesto');
      expect(seenByCpi?.redacted?.length).toBeGreaterThan(0);
      expect(JSON.stringify(seenByCpi?.data)).toContain('"redacted":true');
      const seenByAuditor = await seen('auditor');
      expect(seenByAuditor?.redacted).toBeUndefined();
      expect(seenByAuditor?.data).toEqual(involved.data);
    });

    it('every page shown is access-logged: one PersonalDataAccessed per case, naming the route', async () => {
      const caseEvents = pathway();
      await postBatch(caseEvents);
      await readAll('ss-sesto', 1000);
      await waitFor(
        async () => (await hub.store.readAll({ types: ['PersonalDataAccessed'] })).events.filter((e) => e.metadata['subject'] === caseEvents[0]!.subject),
        (records) => records.length > 0 && records.every((r) => (r.data as { route?: string }).route === 'GET /events'),
        { what: 'the access record of the feed read' },
      );
    });

    it('long-polls: with wait, an empty page is held until an event arrives, then answered at once', async () => {
      const head = (await feed('ss-sesto', 'limit=1000')).body;
      let next = head.next;
      // Drain what the access log appended meanwhile, then wait at the head.
      for (let page = head; page.events.length > 0; ) {
        page = (await feed('ss-sesto', `after=${next}&limit=1000`)).body;
        next = page.next;
      }
      const [opened] = pathway();
      const started = Date.now();
      const waiting = feed('ss-sesto', `after=${next}&wait=10`);
      await new Promise((resolve) => setTimeout(resolve, 700));
      await postBatch([opened]);
      const page = await waiting;
      const elapsed = Date.now() - started;
      expect(page.body.events.map((e) => e.id)).toEqual([opened!.id]);
      expect(elapsed).toBeGreaterThanOrEqual(600);
      expect(elapsed).toBeLessThan(5000);
    });

    it('refuses a funder (aggregates only) and a checkpoint it never gave', async () => {
      expect((await feed('funder-lom', '')).status).toBe(403);
      const bad = await feed('ss-sesto', 'after=yesterday');
      expect(bad.status).toBe(422);
    });
  });

  describe('the OpenAPI document', () => {
    it('is valid OpenAPI 3.1 and documents the three content modes, the per-event results, the feed and its Link header', async () => {
      const document = (await (await fetch(`${hub.url}/docs-json`)).json()) as {
        openapi: string;
        paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> }; responses: Record<string, { headers?: Record<string, unknown> }>; parameters?: { name: string }[] }>>;
      };
      expect(document.openapi).toBe('3.1.0');
      await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
      const publish = document.paths['/events']!['post']!;
      expect(Object.keys(publish.requestBody!.content).sort()).toEqual(['application/cloudevents+json', 'application/cloudevents-batch+json', 'application/json']);
      expect(Object.keys(publish.responses)).toEqual(expect.arrayContaining(['200', '201', '401', '403', '415', '422']));
      const feed = document.paths['/events']!['get']!;
      expect(feed.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['after', 'limit', 'wait', 'Agid-JWT-TrackingEvidence']));
      expect(feed.responses['200']!.headers).toHaveProperty('Link');
    });
  });
});
