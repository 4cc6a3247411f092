import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toNewEvent } from '@traiettorie/command-handling';
import { caseStreamOf, sourceOf } from '@traiettorie/contracts';
import { sampleEvent, waitFor } from '@traiettorie/testing';
import { assessment, openCase } from './fixtures.js';
import { committedEvents, get, globalLog, hubStore, post, startHub, type Hub } from './hub.js';

/**
 * Authorisation on the real services (issue 10): what an admitted caller may
 * emit and read comes from the contracts and the registry (packages/access).
 * Every refusal is a 403 problem naming its rule, and nothing is stored.
 */
describe('the door: what a caller may do', () => {
  let hub: Hub;
  let social: string;
  let employment: string;
  let readModels: string;
  let caseId: string;
  let assessmentEventId: string;
  const as = (clientId: string) => hub.as(clientId, { operator: `op-${clientId}` });
  /** The events commands on a case appended (the employment centre's policy and the access log write on their own schedule). */
  const count = async () => (await committedEvents(hub.db)).filter((e) => e.source.startsWith('/agencies/social-services/') && e.type !== 'PersonalDataAccessed').length;

  beforeAll(async () => {
    hub = await startHub('authorisation');
    social = hub.url('social-services');
    employment = hub.url('employment-centre');
    readModels = hub.url('read-models');
    const opened = await post(`${social}/cases`, openCase, await as('ss-sesto'));
    expect(opened.status).toBe(201);
    caseId = opened.body['caseId'] as string;
    const assessed = await post(`${social}/cases/${caseId}/assessment`, assessment, await as('ss-sesto'));
    expect(assessed.status).toBe(201);
    assessmentEventId = (assessed.body['events'] as { id: string }[])[0]!.id;
    const summary = await get(`${readModels}/cases/${caseId}?waitFor=${assessmentEventId}&timeout=30`, await as('ss-sesto'));
    expect(summary.status).toBe(200);
  });
  afterAll(() => hub?.stop());

  describe('emitting', () => {
    it.each([
      ['ss-adda', 'a social service of another Ambito', 'ambito-not-yours'],
      ['cpi-sesto', 'the employment centre (CaseOpened is not its event)', 'emitter-not-allowed'],
      ['ets-sesto', 'a third-sector partner', 'emitter-not-allowed'],
    ])('%s, %s, cannot open a case in LOM-SESTO-SAN-GIOVANNI: 403 %s, nothing stored', async (clientId, _who, rule) => {
      const before = await count();
      const answer = await post(`${social}/cases`, { ...openCase, personRef: 'P-SSG-0a0b0c' }, await as(clientId));

      expect(answer.status).toBe(403);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({ type: 'urn:traiettorie:problem:forbidden', status: 403, rule });
      expect(JSON.stringify(answer.body)).not.toContain('P-SSG-0a0b0c');
      expect(await count()).toBe(before);
    });

    it('ss-adda cannot record an assessment on a Sesto case: 403 ambito-not-yours, nothing stored', async () => {
      const before = await count();
      const answer = await post(`${social}/cases/${caseId}/assessment`, assessment, await as('ss-adda'));

      expect(answer).toMatchObject({ status: 403, body: { rule: 'ambito-not-yours' } });
      expect(await count()).toBe(before);
    });

    it('ss-adda opens a case in its own Ambito', async () => {
      const answer = await post(`${social}/cases`, { ...openCase, ambito: 'LOM-ADDA-MARTESANA', personRef: 'P-ADD-51c2d3' }, await as('ss-adda'));

      expect(answer.status).toBe(201);
    });
  });

  describe('reading', () => {
    it("ss-adda reads neither a Sesto case's history nor its summary (403 ambito-not-yours), and its list holds no Sesto case", async () => {
      const headers = await as('ss-adda');
      expect(await get(`${social}/cases/${caseId}/events`, headers)).toMatchObject({ status: 403, body: { rule: 'ambito-not-yours' } });
      expect(await get(`${readModels}/cases/${caseId}`, await as('ss-adda'))).toMatchObject({ status: 403, body: { rule: 'ambito-not-yours' } });
      const list = await get(`${readModels}/cases?limit=500`, await as('ss-adda'));
      expect(list.status).toBe(200);
      expect((list.body as { ambito: string }[]).map((c) => c.ambito).filter((a) => a !== 'LOM-ADDA-MARTESANA')).toEqual([]);
      expect(await get(`${readModels}/cases?ambito=LOM-SESTO-SAN-GIOVANNI`, await as('ss-adda'))).toMatchObject({ status: 403, body: { rule: 'ambito-not-yours' } });
    });

    it('the funder reads no case, only aggregates (403 aggregates-only)', async () => {
      expect(await get(`${social}/cases/${caseId}/events`, await as('funder-lom'))).toMatchObject({ status: 403, body: { rule: 'aggregates-only' } });
      expect(await get(`${readModels}/cases/${caseId}`, await as('funder-lom'))).toMatchObject({ status: 403, body: { rule: 'aggregates-only' } });
    });

    it("the employment centre reads the case's history with the assessment's special-category scores redacted; the social service sees them", async () => {
      const byCpi = await get(`${social}/cases/${caseId}/events`, await as('cpi-sesto'));
      expect(byCpi.status).toBe(200);
      const seenByCpi = (byCpi.body as { type: string; data: Record<string, unknown>; redacted?: string[] }[]).find((e) => e.type === 'AssessmentCompleted')!;
      expect(seenByCpi.data['dimensionScores']).toEqual({ redacted: true, reason: 'not-for-this-kind' });
      expect(seenByCpi.redacted).toEqual(expect.arrayContaining(['$.dimensionScores']));

      const bySocial = await get(`${social}/cases/${caseId}/events`, await as('ss-sesto'));
      const seenBySocial = (bySocial.body as { type: string; data: Record<string, unknown> }[]).find((e) => e.type === 'AssessmentCompleted')!;
      expect(seenBySocial.data['dimensionScores']).toEqual(assessment.dimensionScores);
    });

    it('the employment centre reads its referral of the case; a social service of another Ambito cannot', async () => {
      await waitFor(
        async () => (await get(`${employment}/referrals/${caseId}`, await as('cpi-sesto'))).status,
        (status) => status === 200,
        { what: 'the referral', timeoutMs: 60_000 },
      );
      expect(await get(`${employment}/referrals/${caseId}`, await as('ss-adda'))).toMatchObject({ status: 403, body: { rule: 'ambito-not-yours' } });
    });

    it('the auditor reads every Ambito, everything as stored', async () => {
      const answer = await get(`${social}/cases/${caseId}/events`, await as('auditor'));
      expect(answer.status).toBe(200);
      const events = answer.body as { type: string; data: Record<string, unknown> }[];
      expect(events.find((e) => e.type === 'AssessmentCompleted')!.data['dimensionScores']).toEqual(assessment.dimensionScores);
    });
  });

  describe('consent-gated health data', () => {
    // No health-services service emits yet (issue 11): the CPS's events are appended as its service will, through the store.
    const consentId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
    const cps = (type: 'ConsentRecorded' | 'SpecialistServiceInvolved' | 'ConsentWithdrawn', data: Record<string, unknown>) => ({
      ...sampleEvent(type, { caseId, data }),
      source: sourceOf('health-services', 'asst-nord-milano-cps-sesto'),
      ambito: openCase.ambito,
      personref: openCase.personRef,
    });
    const serviceCategoryAs = async (clientId: string) => {
      const answer = await get(`${social}/cases/${caseId}/events`, await as(clientId));
      expect(answer.status).toBe(200);
      return (answer.body as { type: string; data: Record<string, unknown> }[]).find((e) => e.type === 'SpecialistServiceInvolved')!.data['serviceCategory'];
    };

    it('a CPS involvement under consent for the social services: the social worker sees it, the employment centre never; withdrawn, it is redacted', async () => {
      const store = hubStore(hub.db);
      const stream = caseStreamOf('health-services', caseId);
      await store.appendToStream(stream, [
        toNewEvent(cps('ConsentRecorded', { consentId, givenOn: '2026-10-19', purpose: 'multidisciplinary-assessment', recipients: ['social-services'], scope: ['service-category'], expiresOn: '2028-04-30', documentRef: 'ASST-NORD-MI/consensi/2026/4471' })),
        toNewEvent(cps('SpecialistServiceInvolved', { anonymous: false, involvedOn: '2026-10-20', involvement: 'joins-eemm', serviceCategory: 'mental-health', consentId })),
      ]);

      expect(await serviceCategoryAs('ss-sesto')).toBe('mental-health');
      expect(await serviceCategoryAs('cpi-sesto')).toEqual({ redacted: true, reason: 'not-for-this-kind' });

      await store.appendToStream(stream, [toNewEvent(cps('ConsentWithdrawn', { consentId, withdrawnOn: '2026-11-30', scope: ['service-category'] }))]);

      expect(await serviceCategoryAs('ss-sesto')).toEqual({ redacted: true, reason: 'consent-withdrawn' });
      expect(await serviceCategoryAs('cpi-sesto')).toEqual({ redacted: true, reason: 'not-for-this-kind' });
      expect(await serviceCategoryAs('auditor')).toBe('mental-health');
    });
  });

  describe('every read of personal data is itself an event', () => {
    const accessRecordsOf = async (clientId: string) =>
      (await globalLog(hub.db)).filter((e) => e.type === 'PersonalDataAccessed' && e.metadata['subject'] === caseId && (e.data as { reader: { clientId: string } }).reader.clientId === clientId);

    it("N reads of a case's history are N PersonalDataAccessed events naming the operator, what was disclosed and withheld; the chain still verifies", async () => {
      const operators = ['op-cpi-0', 'op-cpi-1', 'op-cpi-2'].map((id) => `${id}-${caseId.slice(0, 8)}`);
      for (const operator of operators) {
        const answer = await get(`${social}/cases/${caseId}/events`, await hub.as('cpi-sesto', { operator }));
        expect(answer.status).toBe(200);
      }

      const operatorOf = (e: { data: unknown }) => (e.data as { operator?: { userID: string } }).operator?.userID ?? '';
      const records = await waitFor(
        async () => (await accessRecordsOf('cpi-sesto')).filter((e) => operators.includes(operatorOf(e))),
        (found) => found.length >= 3,
        { what: 'the three access records', timeoutMs: 30_000 },
      );
      expect(records.map(operatorOf)).toEqual(operators);
      const latest = records.map((e) => e.data as Record<string, unknown>);
      for (const data of latest) {
        expect(data).toMatchObject({ route: 'GET /cases/{caseId}/events', outcome: 'redacted', reader: { clientId: 'cpi-sesto', kind: 'employment-centre' } });
        expect(data['redacted']).toEqual(expect.arrayContaining(['AssessmentCompleted:$.dimensionScores']));
        expect(data['disclosed']).not.toContain('AssessmentCompleted:$.dimensionScores');
      }
      expect(records[0]!.metadata).toMatchObject({ personref: openCase.personRef, ambito: openCase.ambito });

      const verified = await hubStore(hub.db).verify();
      expect(verified).toMatchObject({ ok: true });
    });

    it('a refused read is logged too, as refused', async () => {
      const answer = await get(`${social}/cases/${caseId}/events`, await hub.as('ss-adda', { operator: 'op-adda-9' }));
      expect(answer.status).toBe(403);

      const refused = await waitFor(
        () => accessRecordsOf('ss-adda'),
        (found) => found.some((e) => (e.data as { operator?: { userID: string } }).operator?.userID === 'op-adda-9'),
        { what: 'the refused read in the access log', timeoutMs: 30_000 },
      );
      expect(refused.find((e) => (e.data as { operator?: { userID: string } }).operator?.userID === 'op-adda-9')!.data).toMatchObject({ outcome: 'refused', disclosed: [] });
    });

    it("a read of the case's summary on the read model is logged, naming the person reference it disclosed", async () => {
      const operator = `op-rm-${caseId.slice(0, 8)}`;
      const answer = await get(`${readModels}/cases/${caseId}`, await hub.as('ss-sesto', { operator }));
      expect(answer.status).toBe(200);

      const records = await waitFor(
        async () => (await accessRecordsOf('ss-sesto')).filter((e) => (e.data as { operator?: { userID: string } }).operator?.userID === operator),
        (found) => found.length === 1,
        { what: 'the summary read in the access log', timeoutMs: 30_000 },
      );
      expect(records[0]!.data).toMatchObject({ route: 'GET /cases/{caseId}', outcome: 'disclosed', disclosed: ['CaseSummary:$.personRef'] });
    });
  });
});
