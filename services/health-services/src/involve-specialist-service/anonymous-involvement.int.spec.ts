import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoClients, demoPurposes, redactForReader, type Caller } from '@traiettorie/access';
import { toCloudEvent } from '@traiettorie/command-handling';
import { catalogueClassification, isAnonymousPersonRef, sourceOf } from '@traiettorie/contracts';
import { createChainKeys, createConfigKeyWrapper, createPostgresEventStore, migrateEventStore, type EventStore } from '@traiettorie/event-store';
import { CommandHandling, ManualClock, randomIds } from '@traiettorie/nest-kit';
import { createTestDatabase, sampleEvent, type TestDatabase } from '@traiettorie/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { InvolveAnonymouslyController } from './involve-specialist-service.controller.js';

function callerOf(clientId: string): Caller {
  const client = demoClients.find((c) => c.clientId === clientId)!;
  return { client, purposeId: client.purposes[0]!, voucherId: randomUUID() };
}

/** An anonymous SerD involvement (DPR 309/1990 art. 120) through its route's handler, on the real PostgreSQL store. */
describe('an anonymous SerD involvement', () => {
  let db: TestDatabase;
  let store: EventStore;
  let controller: InvolveAnonymouslyController;

  beforeAll(async () => {
    db = await createTestDatabase('health_anonymous');
    await migrateEventStore(db.pool);
    store = createPostgresEventStore(db.pool, {
      personalData: catalogueClassification,
      keyEncryptionKey: createConfigKeyWrapper([{ id: 'int', key: randomBytes(32) }]),
      chainKeys: createChainKeys([{ id: 'int', key: randomBytes(32) }]),
    });
    const commands = new CommandHandling(store, sourceOf('health-services', 'asst-nord-milano-cps-sesto'), new ManualClock('2026-10-20T09:00:00.000Z'), randomIds);
    controller = new InvolveAnonymouslyController(commands);
  });
  afterAll(() => db.drop());

  const request = { ambito: 'LOM-SESTO-SAN-GIOVANNI', involvedOn: '2026-10-20', serviceCategory: 'addictions' };

  it('when it is recorded › it is stored on a record of its own, with an anon: reference and a subject minted for it, and no case', async () => {
    const answer = await controller.involve(callerOf('cps-sesto'), request);

    const [stored] = (await store.readStream(`health-anon-${answer.anonymousId}`)).map(toCloudEvent);
    expect(answer.events).toEqual([{ id: stored!.id, type: 'SpecialistServiceInvolved' }]);
    expect(stored).toMatchObject({
      subject: answer.anonymousId,
      personref: `anon:${answer.anonymousId}`,
      legalbasis: 'DPR-309-1990-art-120',
      source: '/agencies/health-services/asst-nord-milano-cps-sesto',
      data: { anonymous: true, involvedOn: '2026-10-20', serviceCategory: 'addictions' },
    });
  });

  it('when two are recorded › each gets its own id: nothing links them to each other', async () => {
    const first = await controller.involve(callerOf('cps-sesto'), request);
    const second = await controller.involve(callerOf('cps-sesto'), request);

    expect(first.anonymousId).not.toBe(second.anonymousId);
  });

  it('when a reader gets it among a case’s events › the door drops it: it belongs to no one’s history', async () => {
    const { anonymousId } = await controller.involve(callerOf('cps-sesto'), request);
    const anonymous = (await store.readStream(`health-anon-${anonymousId}`)).map(toCloudEvent);
    const caseEvent = sampleEvent('CaseOpened');

    expect(anonymous.map((e) => isAnonymousPersonRef(e.personref))).toEqual([true]);
    expect(redactForReader(callerOf('ss-sesto'), [caseEvent, ...anonymous], { purposes: demoPurposes, today: '2026-10-21' }).map((e) => e.type)).toEqual(['CaseOpened']);
  });

  it('when the Ambito is not the caller’s › it is refused by the door', async () => {
    await expect(controller.involve(callerOf('cps-sesto'), { ...request, ambito: 'LOM-ADDA-MARTESANA' })).rejects.toMatchObject({ rule: 'ambito-not-yours' });
  });

  it('when the request tries to name the person › it is refused naming the field', async () => {
    await expect(controller.involve(callerOf('cps-sesto'), { ...request, personRef: 'P-SSG-7f3a91' })).rejects.toThrow(/personRef/);
  });
});
