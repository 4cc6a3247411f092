import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { authorizeEmit, demoClients, type Caller, type ClientRegistration } from '@traiettorie/access';
import {
  ConcurrencyError,
  dataSchemaOf,
  ForbiddenError,
  IllegalStateError,
  sourceOf,
  tirocinioStartedV1,
  trainingCompletedV1,
  trainingCompletedV2,
  type HubEvent,
} from '@traiettorie/contracts';
import { createPostgresEventStore, migrateEventStore, type EventStore } from '@traiettorie/event-store';
import { createTestDatabase, sampleEvent, type TestDatabase } from '@traiettorie/testing';
import { randomUUID } from 'node:crypto';
import { toCloudEvent, toNewEvent } from './cloud-events.js';
import type { CommandContext } from './command-context.js';
import { foldState, type Decider } from './decider.js';
import { handleCommand } from './handle-command.js';

const source = sourceOf('employment-centre', 'afol-metropolitana');
const context = (): CommandContext => ({ source, now: new Date().toISOString(), eventId: () => randomUUID() });
const identity = (caseId: string) => ({ subject: caseId, ambito: 'LOM-MILANO', personref: 'P-MI-000123', legalbasis: 'DL-48-2023' });

type TrainingState = { status: 'none' } | { status: 'trained'; courseId: string } | { status: 'placed' };
interface StartTirocinio {
  caseId: string;
}

/**
 * A decider that only knows the latest version of TrainingCompleted (v2): a
 * v1 event reaching `evolve` unparsed is an error, as it would be for a
 * decider written after v2 shipped.
 */
const tirocinioAfterTraining: Decider<StartTirocinio, TrainingState, 'TrainingCompleted' | 'TirocinioStarted'> = {
  initialState: () => ({ status: 'none' }),
  evolve(state, event) {
    if (event.type === 'TirocinioStarted') return { status: 'placed' };
    if (event.dataschema !== dataSchemaOf(trainingCompletedV2)) throw new Error(`unknown version ${event.dataschema}`);
    return { status: 'trained', courseId: event.data.courseId };
  },
  decide(command, state) {
    if (state.status !== 'trained') throw new IllegalStateError(`case ${command.caseId} has no completed training`);
    return [{ type: 'TirocinioStarted', data: tirocinioStartedV1.example }];
  },
  streamIdentity: (_state, command) => identity(command.caseId),
};

/** A v1 TrainingCompleted, as a release before v2 stored it. */
function trainingCompletedV1Event(caseId: string): HubEvent {
  return {
    ...sampleEvent('TrainingCompleted', { caseId }),
    ...identity(caseId),
    source,
    dataschema: dataSchemaOf(trainingCompletedV1),
    data: trainingCompletedV1.example,
  } as HubEvent;
}

describe('handling a command against the PostgreSQL event store', () => {
  let db: TestDatabase;
  let store: EventStore;

  beforeAll(async () => {
    db = await createTestDatabase('command_handling');
    await migrateEventStore(db.pool);
    store = createPostgresEventStore(db.pool);
  });
  afterAll(() => db.drop());

  async function streamWithV1Training(): Promise<{ caseId: string; stream: string }> {
    const caseId = randomUUID();
    const stream = `employment-${caseId}`;
    await store.appendToStream(stream, [toNewEvent(trainingCompletedV1Event(caseId))], { expectedVersion: 'no_stream' });
    return { caseId, stream };
  }

  describe('stored events reach the decider through the contracts’ parser', () => {
    it('when a stream holds a v1 event and the decider knows only v2 › the command succeeds because the event is upcast', async () => {
      const { caseId, stream } = await streamWithV1Training();

      const result = await handleCommand(store, tirocinioAfterTraining, { stream, command: { caseId }, context: context() });

      expect(result.version).toBe(2);
      expect((await store.readStream(stream)).map((e) => [e.type, e.metadata['dataschema']])).toEqual([
        ['TrainingCompleted', 'urn:traiettorie:schema:TrainingCompleted:v1'],
        ['TirocinioStarted', 'urn:traiettorie:schema:TirocinioStarted:v1'],
      ]);
    });

    it('when the same stream is folded as stored, without the parser › the v2-only decider cannot read it', async () => {
      const { stream } = await streamWithV1Training();

      const asStored = (await store.readStream(stream)).map((e) => toCloudEvent(e) as HubEvent<'TrainingCompleted'>);

      expect(() => foldState(tirocinioAfterTraining, asStored)).toThrow(/unknown version urn:traiettorie:schema:TrainingCompleted:v1/);
    });
  });

  describe('expected versions', () => {
    it('when the caller’s If-Match version is stale › the command fails with both versions, without retrying', async () => {
      const { caseId, stream } = await streamWithV1Training();

      const attempt = handleCommand(store, tirocinioAfterTraining, { stream, command: { caseId }, context: context(), expectedVersion: 0 });

      await expect(attempt).rejects.toThrow(ConcurrencyError);
      await expect(attempt).rejects.toMatchObject({ expected: 0, actual: 1 });
      expect(await store.readStream(stream)).toHaveLength(1);
    });

    it('when two commands race on one stream without an expectation › one is decided again on fresh state and refused by the rule', async () => {
      const { caseId, stream } = await streamWithV1Training();
      const run = () => handleCommand(store, tirocinioAfterTraining, { stream, command: { caseId }, context: context() });

      const outcomes = await Promise.allSettled([run(), run(), run()]);

      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
        expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(IllegalStateError);
      }
      expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['TrainingCompleted', 'TirocinioStarted']);
    });
  });

  describe('a command that usually opens its stream', () => {
    it('when the stream does not exist › it is appended as the stream’s first event', async () => {
      const caseId = randomUUID();
      const opensTraining: Decider<StartTirocinio, TrainingState, 'TrainingCompleted'> = {
        ...(tirocinioAfterTraining as unknown as Decider<StartTirocinio, TrainingState, 'TrainingCompleted'>),
        decide: (_command, state) => (state.status === 'none' ? [{ type: 'TrainingCompleted', data: trainingCompletedV2.example }] : []),
      };
      const request = { stream: `employment-${caseId}`, command: { caseId }, context: context(), usuallyOpensStream: true };
      // The CPI's record of a case starts on a case the social services opened.
      await store.appendToStream(`case-${caseId}`, [toNewEvent({ ...sampleEvent('CaseOpened', { caseId }), ambito: 'LOM-MILANO', personref: 'P-MI-000123' })]);

      const first = await handleCommand(store, opensTraining, request);
      const second = await handleCommand(store, opensTraining, { ...request, context: context() });

      expect(first.version).toBe(1);
      expect(second).toEqual({ events: [], version: 1 });
      expect(await store.readStream(`employment-${caseId}`)).toHaveLength(1);
    });

    it('when the stream exists after all › the command is decided on the stream as stored', async () => {
      const { caseId, stream } = await streamWithV1Training();

      const result = await handleCommand(store, tirocinioAfterTraining, { stream, command: { caseId }, context: context(), usuallyOpensStream: true });

      expect(result.version).toBe(2);
    });
  });

  describe('authorising each decided event before anything is appended', () => {
    const callerFor = (client: ClientRegistration): Caller => ({ client, purposeId: client.purposes[0]!, voucherId: randomUUID() });
    /** cpi-sesto acts for LOM-SESTO-SAN-GIOVANNI only; these cases are in LOM-MILANO. */
    const cpiSesto = callerFor(demoClients.find((c) => c.clientId === 'cpi-sesto')!);
    const cpiMilano = callerFor({ ...cpiSesto.client, clientId: 'cpi-milano', ambiti: ['LOM-MILANO'] });
    const opensTraining: Decider<StartTirocinio, TrainingState, 'TrainingCompleted'> = {
      ...(tirocinioAfterTraining as unknown as Decider<StartTirocinio, TrainingState, 'TrainingCompleted'>),
      decide: (_command, state) => (state.status === 'none' ? [{ type: 'TrainingCompleted', data: trainingCompletedV2.example }] : []),
    };

    it('when the caller does not act for the case’s Ambito › the command is refused 403 ambito-not-yours and nothing is stored', async () => {
      const { caseId, stream } = await streamWithV1Training();

      const attempt = handleCommand(store, tirocinioAfterTraining, {
        stream,
        command: { caseId },
        context: context(),
        authorize: (event) => authorizeEmit(cpiSesto, event),
      });

      await expect(attempt).rejects.toThrow(ForbiddenError);
      await expect(attempt).rejects.toMatchObject({ code: 'FORBIDDEN', rule: 'ambito-not-yours' });
      expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['TrainingCompleted']);
    });

    it('when a refused command would open its stream › the stream is never created', async () => {
      const stream = `employment-${randomUUID()}`;
      const request = { stream, command: { caseId: stream.slice('employment-'.length) }, context: context(), usuallyOpensStream: true };

      await expect(handleCommand(store, opensTraining, { ...request, authorize: (event) => authorizeEmit(cpiSesto, event) })).rejects.toMatchObject({
        rule: 'ambito-not-yours',
      });
      expect(await store.readStream(stream)).toEqual([]);
    });

    it('when the caller acts for the Ambito and its kind emits the type › the events are appended', async () => {
      const { caseId, stream } = await streamWithV1Training();
      const checked: string[] = [];

      const result = await handleCommand(store, tirocinioAfterTraining, {
        stream,
        command: { caseId },
        context: context(),
        authorize: (event) => {
          checked.push(`${event.type} in ${event.ambito}`);
          return authorizeEmit(cpiMilano, event);
        },
      });

      expect(checked).toEqual(['TirocinioStarted in LOM-MILANO']);
      expect(result.version).toBe(2);
      expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['TrainingCompleted', 'TirocinioStarted']);
    });
  });
});
