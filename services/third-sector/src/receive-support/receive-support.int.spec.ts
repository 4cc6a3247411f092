import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoClients, type Caller } from '@traiettorie/access';
import { derivedEventId, toCloudEvent, toNewEvent } from '@traiettorie/command-handling';
import { attendanceRecordedV1, caseStreamOf, catalogueClassification, participantExitRecordedV1, serviceDeliveryStartedV1, sourceOf, type HubEvent } from '@traiettorie/contracts';
import { createChainKeys, createConfigKeyWrapper, createPostgresEventStore, migrateEventStore, type EventStore } from '@traiettorie/event-store';
import { CommandHandling, ManualClock, randomIds } from '@traiettorie/nest-kit';
import { createTestDatabase, sampleEvent, type TestDatabase } from '@traiettorie/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { RecordAttendanceController } from '../record-attendance/record-attendance.controller.js';
import { RecordParticipantExitController } from '../record-participant-exit/record-participant-exit.controller.js';
import { StartServiceDeliveryController } from '../start-service-delivery/start-service-delivery.controller.js';
import { ReceiveSupportListener } from './receive-support.listener.js';

const partner: Caller = (() => {
  const client = demoClients.find((c) => c.clientId === 'ets-sesto')!;
  return { client, purposeId: client.purposes[0]!, voucherId: randomUUID() };
})();

/** The policy on SupportActivated and the partner's routes, on the real PostgreSQL store. */
describe('a support activated with a third-sector partner', () => {
  let db: TestDatabase;
  let store: EventStore;
  let commands: CommandHandling;
  let listener: ReceiveSupportListener;

  beforeAll(async () => {
    db = await createTestDatabase('third_sector_policy');
    await migrateEventStore(db.pool);
    store = createPostgresEventStore(db.pool, {
      personalData: catalogueClassification,
      keyEncryptionKey: createConfigKeyWrapper([{ id: 'int', key: randomBytes(32) }]),
      chainKeys: createChainKeys([{ id: 'int', key: randomBytes(32) }]),
    });
    commands = new CommandHandling(store, sourceOf('third-sector', 'coop-lotta-contro-emarginazione'), new ManualClock('2026-11-10T10:00:00.000Z'), randomIds);
    listener = new ReceiveSupportListener(commands);
  });
  afterAll(() => db.drop());

  /** A support activated on a case the social services opened (another agency's record of a case starts only on one they opened). */
  const support = (data: Partial<HubEvent<'SupportActivated'>['data']> = {}) => {
    const activated = sampleEvent('SupportActivated', { caseId: randomUUID(), time: '2026-11-10T09:00:00.000Z', data });
    opening = store.appendToStream(caseStreamOf('social-services', activated.subject), [toNewEvent(sampleEvent('CaseOpened', { caseId: activated.subject }))]);
    return activated;
  };
  let opening: Promise<unknown> = Promise.resolve();
  const stored = async (caseId: string) => (await store.readStream(`delivery-${caseId}`)).map(toCloudEvent);

  it('when it is delivered three times at once › the expected delivery is stored once, under the id derived from the support event', async () => {
    const activated = support();
    await opening;

    await Promise.all([1, 2, 3].map(() => listener.onSupportActivated(activated)));
    await listener.onSupportActivated(activated);

    const events = await stored(activated.subject);
    expect(events.map((e) => [e.id, e.type])).toEqual([[derivedEventId(activated.id, 'ServiceDeliveryExpected'), 'ServiceDeliveryExpected']]);
    expect(events[0]).toMatchObject({
      subject: activated.subject,
      ambito: activated.ambito,
      personref: activated.personref,
      source: '/agencies/third-sector/coop-lotta-contro-emarginazione',
      data: { supportEventId: activated.id, supportId: activated.data.supportId, providerId: activated.data.provider.providerId, agreementRef: activated.data.agreementRef },
    });
  });

  it('when the provider is public › nothing is stored', async () => {
    const activated = support({ provider: { kind: 'public', providerId: 'comune-sesto' }, agreementRef: undefined });
    await opening;

    await listener.onSupportActivated(activated);

    expect(await stored(activated.subject)).toEqual([]);
  });

  it('when the partner then starts the delivery, records attendance and the exit › the delivery answers the support, and nothing after the exit is accepted', async () => {
    const activated = support();
    await opening;
    const caseId = activated.subject;
    await listener.onSupportActivated(activated);
    const start = new StartServiceDeliveryController(commands);
    const attendance = new RecordAttendanceController(commands);
    const exit = new RecordParticipantExitController(commands);

    await start.record(caseId, undefined, partner, { ...serviceDeliveryStartedV1.example, supportId: activated.data.supportId });
    await attendance.record(caseId, undefined, partner, attendanceRecordedV1.example);
    const exited = await exit.record(caseId, undefined, partner, participantExitRecordedV1.example);

    expect(exited).toMatchObject({ caseId, version: 4, events: [{ type: 'ParticipantExitRecorded' }] });
    await expect(attendance.record(caseId, undefined, partner, { ...attendanceRecordedV1.example, periodFrom: '2027-07-01', periodTo: '2027-07-31' })).rejects.toThrow(/left delivery/);
    await expect(start.record(caseId, undefined, partner, { ...serviceDeliveryStartedV1.example, deliveryId: randomUUID() })).rejects.toThrow(/already delivered by delivery/);
    expect((await stored(caseId)).map((e) => e.type)).toEqual(['ServiceDeliveryExpected', 'ServiceDeliveryStarted', 'AttendanceRecorded', 'ParticipantExitRecorded']);
  });

  it('when a partner starts a delivery on a case it has no record of, naming no one › it is refused naming the rule', async () => {
    await expect(new StartServiceDeliveryController(commands).record(randomUUID(), undefined, partner, serviceDeliveryStartedV1.example)).rejects.toThrow(/identity-on-first-event/);
  });
});
