import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoClients, demoPurposes, redactForReader, type Caller } from '@traiettorie/access';
import { toCloudEvent, toNewEvent } from '@traiettorie/command-handling';
import { caseStreamsOf, catalogueClassification, consentRecordedV1, sourceOf } from '@traiettorie/contracts';
import { createChainKeys, createConfigKeyWrapper, createPostgresEventStore, migrateEventStore, type EventStore } from '@traiettorie/event-store';
import { CommandHandling, ManualClock, randomIds } from '@traiettorie/nest-kit';
import { createTestDatabase, sampleEvent, type TestDatabase } from '@traiettorie/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { InvolveSpecialistServiceController } from '../involve-specialist-service/involve-specialist-service.controller.js';
import { RecordConsentController } from '../record-consent/record-consent.controller.js';
import { WithdrawConsentController } from './withdraw-consent.controller.js';

/** A demo client as the door admits it (packages/access): its registration and its first purpose. */
function callerOf(clientId: string): Caller {
  const client = demoClients.find((c) => c.clientId === clientId)!;
  return { client, purposeId: client.purposes[0]!, voucherId: randomUUID(), operator: { userID: 'op-int', userLocation: 'int', LoA: 'LoA3' } };
}

/**
 * Consent withdrawn revokes access (issue 11, policy 5): the health service
 * records consent, involvement and withdrawal through its routes' handlers on
 * the real PostgreSQL store; the social services then read the case's whole
 * history the way `GET /cases/{caseId}/events` does (every agency's stream of
 * the case, through the door's redaction).
 */
describe('a consent withdrawn through the health services', () => {
  let db: TestDatabase;
  let store: EventStore;
  let commands: CommandHandling;
  const clock = new ManualClock('2026-10-20T09:00:00.000Z');
  const cps = callerOf('cps-sesto');
  const socialServices = callerOf('ss-sesto');
  const identity = { ambito: 'LOM-SESTO-SAN-GIOVANNI', personRef: 'P-SSG-7f3a91' };

  beforeAll(async () => {
    db = await createTestDatabase('health_consent');
    await migrateEventStore(db.pool);
    store = createPostgresEventStore(db.pool, {
      personalData: catalogueClassification,
      keyEncryptionKey: createConfigKeyWrapper([{ id: 'int', key: randomBytes(32) }]),
      chainKeys: createChainKeys([{ id: 'int', key: randomBytes(32) }]),
    });
    commands = new CommandHandling(store, sourceOf('health-services', 'asst-nord-milano-cps-sesto'), clock, randomIds);
  });
  afterAll(() => db.drop());

  /** A case the social services opened, with the CPS's consent and its involvement recorded on it. */
  async function caseWithConsentAndInvolvement(): Promise<string> {
    const caseId = randomUUID();
    const opened = { ...sampleEvent('CaseOpened', { caseId }), ambito: identity.ambito, personref: identity.personRef };
    await store.appendToStream(`case-${caseId}`, [toNewEvent(opened)], { expectedVersion: 'no_stream' });
    await new RecordConsentController(commands).record(caseId, undefined, cps, { ...identity, ...consentRecordedV1.example });
    await new InvolveSpecialistServiceController(commands).record(caseId, undefined, cps, {
      involvedOn: '2026-10-20',
      involvement: 'joins-eemm',
      serviceCategory: 'mental-health',
      consentId: consentRecordedV1.example.consentId,
    });
    return caseId;
  }

  /** The case's history as the social services' reader gets it on `today`. */
  async function historyAsRead(caseId: string, reader: Caller, today: string) {
    const streams = await Promise.all(caseStreamsOf(caseId).map((stream) => store.readStream(stream)));
    const history = streams.flat().sort((a, b) => a.globalPosition - b.globalPosition).map(toCloudEvent);
    return redactForReader(reader, history, { purposes: demoPurposes, today });
  }

  const involvementAsRead = async (caseId: string, today: string) =>
    (await historyAsRead(caseId, socialServices, today)).find((e) => e.type === 'SpecialistServiceInvolved')!;

  it('before the withdrawal › the social services see which specialist service is involved', async () => {
    const caseId = await caseWithConsentAndInvolvement();

    const involvement = await involvementAsRead(caseId, '2026-11-01');

    expect(involvement.data).toMatchObject({ serviceCategory: 'mental-health', involvement: 'joins-eemm' });
    expect(involvement.redacted).toBeUndefined();
  });

  it('after the whole consent is withdrawn › the service category is redacted for the social services, naming the withdrawal', async () => {
    const caseId = await caseWithConsentAndInvolvement();

    const recorded = await new WithdrawConsentController(commands).record(caseId, undefined, cps, {
      consentId: consentRecordedV1.example.consentId,
      withdrawnOn: '2026-11-02',
    });
    const involvement = await involvementAsRead(caseId, '2026-11-03');

    expect(recorded).toMatchObject({ caseId, version: 3, events: [{ type: 'ConsentWithdrawn' }] });
    expect(involvement.data).toMatchObject({ serviceCategory: { redacted: true, reason: 'consent-withdrawn' } });
    expect(involvement.redacted).toContain('$.serviceCategory');
  });

  it('after only the care path status is withdrawn › the service category stays visible', async () => {
    const caseId = await caseWithConsentAndInvolvement();

    await new WithdrawConsentController(commands).record(caseId, undefined, cps, {
      consentId: consentRecordedV1.example.consentId,
      withdrawnOn: '2026-11-02',
      scope: ['care-path-status'],
    });
    const involvement = await involvementAsRead(caseId, '2026-11-03');

    expect(involvement.data).toMatchObject({ serviceCategory: 'mental-health' });
  });

  it('when the consent is withdrawn a second time › it is refused and the store holds one withdrawal', async () => {
    const caseId = await caseWithConsentAndInvolvement();
    const withdraw = () =>
      new WithdrawConsentController(commands).record(caseId, undefined, cps, { consentId: consentRecordedV1.example.consentId, withdrawnOn: '2026-11-02' });

    await withdraw();

    await expect(withdraw()).rejects.toThrow(/already withdrawn/);
    expect((await store.readStream(`health-${caseId}`)).map((e) => e.type)).toEqual(['ConsentRecorded', 'SpecialistServiceInvolved', 'ConsentWithdrawn']);
  });

  it('when a social-services client tries to withdraw the consent › the door refuses it: only the health services emit it', async () => {
    const caseId = await caseWithConsentAndInvolvement();

    await expect(
      new WithdrawConsentController(commands).record(caseId, undefined, socialServices, { consentId: consentRecordedV1.example.consentId, withdrawnOn: '2026-11-02' }),
    ).rejects.toMatchObject({ rule: 'emitter-not-allowed' });
  });
});
