import { afterEach, describe, expect, it } from '@jest/globals';
import { waitFor } from '@traiettorie/testing';
import { expectedSummaries, globalLog, post, startHub, waitForReadModel, type Hub } from './hub.js';

/** The pathway's events: the log without the access records that the test's own reads append (issue 10). */
const pathwayLog = async (db: Hub['db']) => (await globalLog(db)).filter((e) => e.type !== 'PersonalDataAccessed');

/** Runs `count` pathways (open, assess with a referral, sign) through the social-services API, `concurrency` at a time. */
async function runPathways(hub: Hub, count: number, concurrency = 4): Promise<string[]> {
  const social = hub.url('social-services');
  const caseIds: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const opened = await post(`${social}/cases`, {
        ambito: 'LOM-SESTO-SAN-GIOVANNI',
        personRef: `P-VDS-${next.toString(16).padStart(6, '0')}`,
        householdRef: `H-VDS-${next}`,
        measure: 'SFL',
        referralDate: '2026-09-15',
        caseManager: 'op-vds-003',
      });
      if (opened.status !== 201) throw new Error(`open failed: ${JSON.stringify(opened.body)}`);
      const caseId = opened.body['caseId'] as string;
      caseIds.push(caseId);
      await post(`${social}/cases/${caseId}/assessment`, {
        assessmentKind: 'preliminary',
        completedOn: '2026-10-01',
        dimensionScores: { work: 2 },
        referrals: ['employment-centre'],
        documentRef: `vds/${caseId}`,
      });
      await post(`${social}/cases/${caseId}/pact`, {
        signedOn: '2026-10-10',
        boundMembers: ['P-VDS-000001'],
        objectives: [{ code: 'W1', description: 'Training course from the regional catalogue' }],
        supports: ['training'],
        reviewDates: ['2027-01-10'],
        commitments: [{ memberRef: 'P-VDS-000001', objectiveCode: 'W1', description: 'Attend the course' }],
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return caseIds;
}

async function count(hub: Hub, sql: string): Promise<number> {
  const { rows } = await hub.db.pool.query<{ n: string }>(sql);
  return Number(rows[0]?.n ?? 0);
}

describe('crashes lose nothing and count nothing twice', () => {
  let hub: Hub | undefined;
  afterEach(async () => {
    await hub?.stop();
    hub = undefined;
  });

  it('when the read-model service is killed mid-stream and restarted, the read model ends as if it had never stopped', async () => {
    hub = await startHub('crash-read-model');
    const load = runPathways(hub, 60);
    await waitFor(() => count(hub!, 'SELECT count(*) AS n FROM read_models.processed_events'), (n) => n >= 20, {
      what: 'the read model to apply some events',
    });
    await hub.services['read-models'].crash();
    const appliedAtCrash = await count(hub, 'SELECT count(*) AS n FROM read_models.processed_events');
    await load;
    expect(appliedAtCrash).toBeLessThan((await pathwayLog(hub.db)).length);

    await hub.start('read-models');
    await waitFor(() => pathwayLog(hub!.db).then((log) => log.length), (n) => n === 240, {
      what: 'the employment centre to decide every referral',
    });
    const expected = await expectedSummaries(hub.db);
    expect(expected.size).toBe(60);
    await waitForReadModel(hub, expected);
    const events = (await pathwayLog(hub.db)).length;
    expect(events).toBe(240);
    // Each read model (the case summary, the pathway) applied each event exactly once.
    expect(await count(hub, "SELECT count(*) AS n FROM read_models.processed_events WHERE projection = 'case-summary'")).toBe(events);
    expect(await count(hub, "SELECT count(*) AS n FROM read_models.processed_events WHERE projection = 'pathway'")).toBe(events);
    expect(await count(hub, 'SELECT sum(event_count) AS n FROM read_models.case_summaries')).toBe(events);
  });

  it('when the relay is killed mid-stream and restarted, every stored event still reaches the consumers exactly once in effect', async () => {
    hub = await startHub('crash-relay', { relay: { RELAY_BATCH_SIZE: '3' } });
    const load = runPathways(hub, 60);
    await waitFor(() => count(hub!, 'SELECT coalesce(max(global_position), 0) AS n FROM event_store.checkpoints'), (n) => n >= 20, {
      what: 'the relay to publish some events',
    });
    await hub.services.relay.crash();
    const publishedAtCrash = await count(hub, 'SELECT max(global_position) AS n FROM event_store.checkpoints');
    await load;
    // While the relay is down, nothing new reaches Kafka: the employment centre refers no one new.
    const events = (await pathwayLog(hub.db)).length;
    expect(publishedAtCrash).toBeLessThan(events);

    await hub.start('relay');
    const expectedEvents = 60 * 4;
    await waitFor(() => pathwayLog(hub!.db).then((log) => log.length), (n) => n === expectedEvents, {
      what: 'every referral to be decided after the relay came back',
      timeoutMs: 90_000,
    });
    const expected = await expectedSummaries(hub.db);
    await waitForReadModel(hub, expected);
    expect(await count(hub, "SELECT count(*) AS n FROM read_models.processed_events WHERE projection = 'case-summary'")).toBe(expectedEvents);
    expect(await count(hub, "SELECT count(*) AS n FROM read_models.processed_events WHERE projection = 'pathway'")).toBe(expectedEvents);
    expect(await count(hub, 'SELECT sum(event_count) AS n FROM read_models.case_summaries')).toBe(expectedEvents);
    expect(await count(hub, "SELECT count(*) AS n FROM event_store.events WHERE event_type = 'EmploymentReferralReceived'")).toBe(60);
  });
});
