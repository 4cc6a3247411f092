import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { derivedEventId, toNewEvent } from '@traiettorie/command-handling';
import { caseStreamOf, catalogueClassification } from '@traiettorie/contracts';
import { createPostgresEventStore, keyWrapperFromEnv, LOG_START, provisionEventStore, type EventStore } from '@traiettorie/event-store';
import { createTestDatabase, freePort, sampleEvent, startServiceProcess, unusedDoorEnv, waitFor, type ServiceProcess, type TestDatabase } from '@traiettorie/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'main.js');

describe('the deadline watch as processes: two running, one killed, one started again', () => {
  let db: TestDatabase;
  let agencies: EventStore;
  const running: ServiceProcess[] = [];

  async function start(): Promise<ServiceProcess> {
    const keys = path.join(mkdtempSync(path.join(os.tmpdir(), 'deadlines-door-')), 'client-keys.json');
    writeFileSync(keys, '{}');
    const service = await startServiceProcess({
      name: 'deadlines',
      script,
      port: await freePort(),
      env: {
        ...unusedDoorEnv,
        TRAIETTORIE_CLIENT_KEYS_FILE: keys,
        DATABASE_URL: db.appUrl,
        TRAIETTORIE_DEV_KEK: '1',
        TRAIETTORIE_DEV_CHAIN_KEY: '1',
        DEADLINES_TICK_MS: '100',
      },
    });
    running.push(service);
    return service;
  }

  const ticksOf = async (service: ServiceProcess) => ((await (await fetch(`${service.url}/health`)).json()) as { watch: { ticks: number } }).watch.ticks;

  /** Every DeadlineMissed the store holds, as the global log shows it. */
  const missed = async () => (await agencies.readAll({ after: LOG_START, types: ['DeadlineMissed'], limit: 1000 })).events;

  beforeAll(async () => {
    db = await createTestDatabase('deadlines_processes');
    await provisionEventStore(db.pool);
    // The agencies' and the watchers' store alike: personal data sealed under the development key-encryption key.
    agencies = createPostgresEventStore(db.pool, { personalData: catalogueClassification, keyEncryptionKey: keyWrapperFromEnv({ TRAIETTORIE_DEV_KEK: '1' }) });
  });

  afterAll(async () => {
    await Promise.all(running.map((s) => s.stop()));
    await db.drop();
  });

  it('when PSPs fell due long ago and one watcher is killed while both run › each DeadlineMissed is appended once, also after it starts again', async () => {
    const a = await start();
    const b = await start();
    // Five cases referred to the CPI in August: their PSPs fell due on 5 October 2026, before any day these tests run.
    const cases = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const caseId = randomUUID();
        await agencies.appendToStream(caseStreamOf('social-services', caseId), [toNewEvent(sampleEvent('CaseOpened', { caseId, time: '2026-08-03T09:00:00.000Z' }))]);
        const referral = sampleEvent('EmploymentReferralReceived', { caseId, time: '2026-08-06T09:00:00.000Z', data: { receivedOn: '2026-08-06', servicePactDueBy: '2026-10-05' } });
        await agencies.appendToStream(caseStreamOf('employment-centre', caseId), [toNewEvent(referral)]);
        return derivedEventId(derivedEventId(referral.id, 'deadline:service-pact:2026-10-05'), 'DeadlineMissed');
      }),
    );

    await waitFor(missed, (events) => events.length > 0, { what: 'a first DeadlineMissed' });
    await a.crash();
    await waitFor(missed, (events) => events.length >= cases.length, { what: 'every DeadlineMissed' });
    const restarted = await start();
    const ticked = await ticksOf(restarted);
    await waitFor(() => ticksOf(restarted), (ticks) => ticks >= ticked + 5, { what: 'the restarted watcher to tick five times' });
    await waitFor(() => ticksOf(b), (ticks) => ticks >= 5, { what: 'the surviving watcher to tick' });

    const recorded = await missed();
    expect(recorded.map((e) => e.id).sort()).toEqual([...cases].sort());
    expect(recorded.map((e) => e.metadata['source'])).toEqual(cases.map(() => '/agencies/social-services/deadline-watch'));
  });
});
