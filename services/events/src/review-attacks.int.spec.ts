/**
 * Adversarial review of issue 11 (POST /events, GET /events): each test states
 * a promise of README.md ("Agency systems: publish and consume events", "The
 * social services' routes") and attacks it as an outsider would. Tests named
 * `BUG:` fail on the code as reviewed and show a broken promise.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { caseStreamOf, caseStreamsOf, type HubEvent } from '@traiettorie/contracts';
import { sampleEvent } from '@traiettorie/testing';
import { randomUUID } from 'node:crypto';
import { sourceOfClient, startEventsHub, type EventsHub } from './events.fixture.js';

const SESTO = sourceOfClient('ss-sesto');
const ADDA = sourceOfClient('ss-adda');
const BATCH = 'application/cloudevents-batch+json';
const t = (minute: number) => `2026-10-01T09:${String(minute).padStart(2, '0')}:00.000Z`;

type Result = { index: number; id?: string; status: string; problem?: Record<string, unknown> };
type Page = { events: (HubEvent & { redacted?: string[] })[]; next: string };

describe('review of issue 11: POST /events and GET /events under attack', () => {
  let hub: EventsHub;
  beforeAll(async () => {
    hub = await startEventsHub('review');
  });
  afterAll(() => hub?.stop());

  async function post(events: unknown[], clientId = 'ss-sesto') {
    const response = await fetch(`${hub.url}/events`, {
      method: 'POST',
      headers: { 'content-type': BATCH, ...(await hub.as(clientId)) },
      body: JSON.stringify(events),
    });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as { results: Result[]; accepted: number; duplicate: number; refused: number } };
  }
  async function feed(clientId: string, query: string) {
    const response = await fetch(`${hub.url}/events?${query}`, { headers: await hub.as(clientId) });
    const text = await response.text();
    return { status: response.status, text, body: (response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as Page };
  }
  async function readAll(clientId: string): Promise<Page['events']> {
    const all: Page['events'] = [];
    let after = '';
    for (;;) {
      const page = await feed(clientId, `after=${after}&limit=1000`);
      expect([page.status, page.status === 200 ? '' : page.text.slice(0, 600)]).toEqual([200, '']);
      all.push(...page.body.events);
      if (page.body.events.length === 0) return all;
      after = page.body.next;
    }
  }
  const opened = (caseId = randomUUID(), source = SESTO, ambito = 'LOM-SESTO-SAN-GIOVANNI') =>
    ({ ...sampleEvent('CaseOpened', { caseId, time: t(0) }), source, ambito }) as HubEvent;
  const ofCase = (type: Parameters<typeof sampleEvent>[0], caseId: string, minute: number, source = SESTO, extra: Partial<HubEvent> = {}) =>
    ({ ...sampleEvent(type, { caseId, time: t(minute) }), source, ...extra }) as HubEvent;
  const streamsOf = async (caseId: string) => (await Promise.all(caseStreamsOf(caseId).map((s) => hub.store.readStream(s)))).flat();

  describe('tenancy: a case of another Ambito', () => {
    it('the CPS of Sesto cannot write a SpecialistServiceInvolved into a case of Adda Martesana (README: "a case of another Ambito (to write or read)" is 403 ambito-not-yours)', async () => {
      const addaCase = randomUUID();
      expect((await post([opened(addaCase, ADDA, 'LOM-ADDA-MARTESANA')], 'ss-adda')).body.accepted).toBe(1);
      const involved = ofCase('SpecialistServiceInvolved', addaCase, 1, sourceOfClient('cps-sesto'), {
        data: { anonymous: false, involvedOn: '2026-10-20', involvement: 'joins-eemm' } as never,
      });
      const posted = await post([involved], 'cps-sesto');
      // What the case's history now holds: Adda's case carries an event of another Ambito's agency.
      const foreign = (await streamsOf(addaCase)).filter((e) => e.metadata['ambito'] !== 'LOM-ADDA-MARTESANA');
      expect(foreign).toEqual([]);
      expect(posted.body.results[0]).toMatchObject({ status: 'refused', problem: { status: 403, rule: 'ambito-not-yours' } });
    });

    it('the programme office of Sesto cannot enrol a case of Adda Martesana in its funded operation', async () => {
      const addaCase = randomUUID();
      await post([opened(addaCase, ADDA, 'LOM-ADDA-MARTESANA')], 'ss-adda');
      const enrolled = ofCase('ParticipantEnrolledInOperation', addaCase, 1, sourceOfClient('prog-sesto'), { legalbasis: 'DL-48-2023' });
      const posted = await post([enrolled], 'prog-sesto');
      expect(posted.body.results[0]).toMatchObject({ status: 'refused', problem: { status: 403 } });
      expect(await hub.store.readStream(caseStreamOf('programme', addaCase))).toEqual([]);
    });

    it('an event whose ambito is another Ambito is refused 403 and nothing is stored', async () => {
      const caseId = randomUUID();
      const posted = await post([opened(caseId, SESTO, 'LOM-ADDA-MARTESANA')]);
      expect(posted.body.results[0]).toMatchObject({ status: 'refused', problem: { status: 403, rule: 'ambito-not-yours' } });
      expect(await streamsOf(caseId)).toEqual([]);
    });

    it('a source naming another agency of the same kind (ss-adda’s) is refused 403 source-not-yours', async () => {
      const posted = await post([opened(randomUUID(), ADDA)]);
      expect(posted.body.results[0]).toMatchObject({ status: 'refused', problem: { status: 403, rule: 'source-not-yours' } });
    });

    it('Adda posts an event on a Sesto case (its own ambito in the envelope) › 403, and whether the id exists is not revealed', async () => {
      const caseId = randomUUID();
      await post([opened(caseId)]);
      const assessed = ofCase('AssessmentCompleted', caseId, 1, ADDA, { ambito: 'LOM-ADDA-MARTESANA' });
      const posted = await post([assessed], 'ss-adda');
      expect(posted.body.results[0]).toMatchObject({ status: 'refused', problem: { status: 403, rule: 'ambito-not-yours' } });
      expect((await hub.store.readStream(caseStreamOf('social-services', caseId))).map((e) => e.type)).toEqual(['CaseOpened']);
    });
  });

  describe('the envelope must name the case as its stream does', () => {
    it.each(['personref', 'legalbasis'] as const)('an AssessmentCompleted whose %s differs from the case’s › refused 422 matches-stream, the value not echoed', async (attribute) => {
      const caseId = randomUUID();
      await post([opened(caseId)]);
      const value = attribute === 'personref' ? 'P-SSG-other-person-99' : 'L-328-2000';
      const posted = await post([ofCase('AssessmentCompleted', caseId, 1, SESTO, { [attribute]: value })]);
      expect(posted.body.results[0]).toMatchObject({ status: 'refused', problem: { status: 422 } });
      expect(JSON.stringify(posted.body.results[0]!.problem)).toContain('matches-stream');
      expect(posted.text).not.toContain(value);
    });
  });

  describe('hub records and other kinds’ events', () => {
    it.each(['DeadlineMissed', 'PersonalDataAccessed'] as const)('%s posted by the social services › refused, nothing stored', async (type) => {
      const caseId = randomUUID();
      await post([opened(caseId)]);
      const posted = await post([ofCase(type, caseId, 1)]);
      expect(posted.body.results[0]!.status).toBe('refused');
      expect((posted.body.results[0]!.problem as { status: number }).status).toBeGreaterThanOrEqual(403);
      expect((await streamsOf(caseId)).map((e) => e.type)).toEqual(['CaseOpened']);
    });

    it('a health event posted by the social services (source its own) › 403 emitter-not-allowed', async () => {
      const caseId = randomUUID();
      await post([opened(caseId)]);
      const posted = await post([ofCase('ConsentRecorded', caseId, 1, SESTO)]);
      expect(posted.body.results[0]).toMatchObject({ status: 'refused', problem: { status: 403, rule: 'emitter-not-allowed' } });
      expect(await hub.store.readStream(caseStreamOf('health-services', caseId))).toEqual([]);
    });
  });

  describe('one batch', () => {
    it('the same id twice, same content › accepted then duplicate; stored once', async () => {
      const caseId = randomUUID();
      const o = opened(caseId);
      const posted = await post([o, o]);
      expect(posted.body.results.map((r) => r.status)).toEqual(['accepted', 'duplicate']);
      expect(await hub.store.readStream(caseStreamOf('social-services', caseId))).toHaveLength(1);
    });

    it('an id already stored, re-posted with another personref or legalbasis › README: "the same id with other content is refused (409)"; answered duplicate', async () => {
      const o = opened();
      await post([o]);
      const posted = await post([{ ...o, personref: 'P-SSG-another-person' }, { ...o, legalbasis: 'L-328-2000' }]);
      expect(posted.body.results.map((r) => [r.status, r.problem?.['status']])).toEqual([
        ['refused', 409],
        ['refused', 409],
      ]);
    });

    it('the same id on two different cases in one batch › one accepted, the other refused 409 duplicate-event-id (not a 500)', async () => {
      const id = randomUUID();
      const a = { ...opened(), id };
      const b = { ...opened(), id };
      const posted = await post([a, b]);
      expect(posted.status).toBe(200);
      expect(posted.body.results.map((r) => r.status).sort()).toEqual(['accepted', 'refused']);
      expect(posted.body.results.find((r) => r.status === 'refused')!.problem).toMatchObject({ status: 409, type: 'urn:traiettorie:problem:duplicate-event-id' });
    });

    it('a refused CaseOpened (another Ambito) then that case’s assessment in the same batch › the assessment is decided without it (404), the other case lands', async () => {
      const refusedCase = randomUUID();
      const otherCase = randomUUID();
      const posted = await post([opened(refusedCase, SESTO, 'LOM-ADDA-MARTESANA'), opened(otherCase), ofCase('AssessmentCompleted', refusedCase, 1), ofCase('AssessmentCompleted', otherCase, 1)]);
      expect(posted.body.results.map((r) => [r.status, r.problem?.['status']])).toEqual([
        ['refused', 403],
        ['accepted', undefined],
        ['refused', 404],
        ['accepted', undefined],
      ]);
    });

    it('at most 5,000 events: 5,001 refused as a whole (422), 5,000 taken (README: "at most 5,000 events")', async () => {
      const many = Array.from({ length: 5001 }, () => opened());
      const tooMany = await post(many);
      expect(tooMany.status).toBe(422);
      const taken = await post(many.slice(0, 5000));
      expect(taken.status).toBe(200);
      expect(taken.body.accepted).toBe(5000);
    }, 180_000);
  });

  describe('PactSigned older versions (upcast)', () => {
    it.each(['v1', 'v2'])('a PactSigned posted as %s is upcast and refused by the commitments rule only (422 commitment-per-bound-member)', async (version) => {
      const caseId = randomUUID();
      await post([opened(caseId), ofCase('AssessmentCompleted', caseId, 1)]);
      const pact = ofCase('PactSigned', caseId, 2);
      const { commitments: _, ...older } = pact.data as Record<string, unknown>;
      const posted = await post([{ ...pact, dataschema: `urn:traiettorie:schema:PactSigned:${version}`, data: older }]);
      expect(posted.body.results[0]!.status).toBe('refused');
      expect(JSON.stringify(posted.body.results[0]!.problem)).toContain('commitment-per-bound-member');
    });
  });

  describe('personal data is never echoed', () => {
    it('a codice fiscale as householdRef › refused 422 not-fiscal-code, never echoed', async () => {
      const cf = 'RSSMRA85T10A562S';
      const o = opened();
      const posted = await post([{ ...o, data: { ...(o.data as object), householdRef: cf } }]);
      expect(posted.body.results[0]).toMatchObject({ status: 'refused', problem: { status: 422 } });
      expect(JSON.stringify(posted.body.results[0]!.problem)).toContain('not-fiscal-code');
      expect(posted.text.toUpperCase()).not.toContain(cf);
    });

    // Free text is personal (sealed under the person's key, erased with them), not held to the pseudonymity rule of references:
    // a codice fiscale typed into a description is stored sealed, and never echoed back (README "What does not work yet").
    it('a codice fiscale inside a pact commitment’s free-text description › is never echoed back', async () => {
      const cf = 'RSSMRA85T10A562S';
      const caseId = randomUUID();
      await post([opened(caseId), ofCase('AssessmentCompleted', caseId, 1)]);
      const pact = ofCase('PactSigned', caseId, 2);
      const data = pact.data as { commitments: { description: string }[] };
      const posted = await post([{ ...pact, data: { ...data, commitments: [{ ...data.commitments[0]!, description: `Mario Rossi ${cf} attends` }] } }]);
      expect(posted.text).not.toContain(cf);
      expect(posted.text.toUpperCase()).not.toContain(cf);
    });
  });

  describe('anonymous SerD involvements', () => {
    it('an anonymous involvement posted with an existing case’s id as subject is refused and never shown in a feed', async () => {
      const caseId = randomUUID();
      await post([opened(caseId)]);
      const anon = {
        ...sampleEvent('SpecialistServiceInvolved', { caseId, time: t(1) }),
        source: sourceOfClient('serd-sesto'),
        personref: `anon:${randomUUID()}`,
        legalbasis: 'DPR-309-1990-art-120',
        data: { anonymous: true, involvedOn: '2026-10-20', serviceCategory: 'addiction' },
      };
      const posted = await post([anon], 'serd-sesto');
      // Whatever the outcome, no reader gets it in the case's feed.
      for (const reader of ['ss-sesto', 'cpi-sesto', 'auditor']) {
        expect((await readAll(reader)).filter((e) => e.id === anon.id)).toEqual([]);
      }
      expect(posted.body.results[0]!.status).toBe('refused');
    });
  });

  describe('GET /events', () => {
    it.each([
      ['-1-0'],
      ['0--1'],
      ['abc'],
      ['1-2-3'],
    ])('after=%s › 422', async (after) => {
      expect((await feed('ss-sesto', `after=${encodeURIComponent(after)}`)).status).toBe(422);
    });

    it.each([
      ['99999999999999999999-0', 'a transaction id past xid8'],
      ['18446744073709551615-9007199254740993', 'the largest xid8, a position past 2^53'],
    ])('after=%s (%s) › 422 or an empty page, never a 500', async (after) => {
      const page = await feed('ss-sesto', `after=${after}`);
      expect([200, 422]).toContain(page.status);
    });

    it.each([['0-99999999999999999999', 'a position past bigint']])('after=%s (%s) › 422 or an empty page, never a 500', async (after) => {
      const page = await feed('ss-sesto', `after=${after}`);
      expect(page.status).not.toBeGreaterThanOrEqual(500);
      expect([200, 422]).toContain(page.status);
    });

    it.each([['limit=0'], ['limit=1001'], ['wait=31'], ['wait=-1'], ['limit=1.5']])('%s › 422', async (query) => {
      expect((await feed('ss-sesto', query)).status).toBe(422);
    });

    it('consent: the social services see the service category under consent (the CPI never); after the consent is withdrawn, the older event too is redacted', async () => {
      const caseId = randomUUID();
      await post([opened(caseId)]);
      const cps = sourceOfClient('cps-sesto');
      const consent = ofCase('ConsentRecorded', caseId, 1, cps);
      const involved = ofCase('SpecialistServiceInvolved', caseId, 2, cps);
      expect((await post([consent, involved], 'cps-sesto')).body.accepted).toBe(2);
      expect(JSON.stringify((await readAll('cpi-sesto')).find((e) => e.id === involved.id)!.data)).not.toContain('mental-health');
      const before = (await readAll('ss-sesto')).find((e) => e.id === involved.id)!;
      expect(before.redacted).toBeUndefined();
      expect((before.data as { serviceCategory: unknown }).serviceCategory).toBe('mental-health');
      const withdrawn = ofCase('ConsentWithdrawn', caseId, 3, cps, { data: { consentId: (consent.data as { consentId: string }).consentId, withdrawnOn: '2026-10-21' } as never });
      expect((await post([withdrawn], 'cps-sesto')).body.accepted).toBe(1);
      const after = (await readAll('ss-sesto')).find((e) => e.id === involved.id)!;
      expect(after.redacted).toContain('$.serviceCategory');
      expect(JSON.stringify(after.data)).not.toContain('mental-health');
      // The third sector, never a recipient, never saw it.
      const ets = (await readAll('ets-sesto')).find((e) => e.id === involved.id);
      expect(JSON.stringify(ets?.data ?? {})).not.toContain('mental-health');
    });

    it('the feed of Adda shows nothing of Sesto’s cases, and Sesto’s nothing of Adda’s', async () => {
      const sestoCase = randomUUID();
      const addaCase = randomUUID();
      await post([opened(sestoCase)]);
      await post([opened(addaCase, ADDA, 'LOM-ADDA-MARTESANA')], 'ss-adda');
      expect((await readAll('ss-adda')).some((e) => e.subject === sestoCase)).toBe(false);
      expect((await readAll('ss-sesto')).some((e) => e.subject === addaCase)).toBe(false);
      expect((await readAll('cps-sesto')).some((e) => e.subject === addaCase)).toBe(false);
    });
  });

  describe('deciders refuse what the pathway forbids (README route tables), never echoing personal data', () => {
    const personal = ['P-SSG-7f3a91', 'H-SSG', 'P-SSG-7f3a93'];
    const refusal = async (events: HubEvent[], clientId: string, expected: number[]) => {
      const posted = await post(events, clientId);
      const last = posted.body.results.at(-1)!;
      expect(posted.body.results.slice(0, -1).map((r) => r.status)).toEqual(events.slice(0, -1).map(() => 'accepted'));
      expect(last.status).toBe('refused');
      expect(expected).toContain(last.problem!['status']);
      for (const value of personal) expect(JSON.stringify(last.problem)).not.toContain(value);
      return last.problem!;
    };

    it('a second closure (CaseClosed) › 409', async () => {
      const caseId = randomUUID();
      await refusal([opened(caseId), ofCase('CaseClosed', caseId, 1), { ...ofCase('CaseClosed', caseId, 2) }], 'ss-sesto', [409]);
    });

    it('a first appointment before any referral (FirstAppointmentHeld) › 409/404', async () => {
      const caseId = randomUUID();
      await refusal([opened(caseId), ofCase('FirstAppointmentHeld', caseId, 1)], 'ss-sesto', [404, 409]);
    });

    it('a PUC attendance for a PUC never assigned (PUCAttendanceRecorded) › refused', async () => {
      const caseId = randomUUID();
      await refusal([opened(caseId), ofCase('AssessmentCompleted', caseId, 1), ofCase('PactSigned', caseId, 2), ofCase('PUCAttendanceRecorded', caseId, 3)], 'ss-sesto', [404, 409]);
    });

    it('a PSP for a person never referred to the CPI (ServicePactSigned) › 404', async () => {
      const caseId = randomUUID();
      await post([opened(caseId)]);
      await refusal([ofCase('ServicePactSigned', caseId, 1, sourceOfClient('cpi-sesto'))], 'cpi-sesto', [404, 409]);
    });

    it('a six-month follow-up before the exit (SixMonthFollowUpRecorded) › 409', async () => {
      const caseId = randomUUID();
      await post([opened(caseId)]);
      const prog = sourceOfClient('prog-sesto');
      await refusal([ofCase('ParticipantEnrolledInOperation', caseId, 1, prog), ofCase('SixMonthFollowUpRecorded', caseId, 2, prog)], 'prog-sesto', [409]);
    });
  });

});
