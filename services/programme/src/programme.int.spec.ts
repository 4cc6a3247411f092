import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoClients, type Caller, type ClientRegistration } from '@traiettorie/access';
import { anonymousPersonRefOf, caseStreamOf, ForbiddenError, IllegalStateError, sourceOf } from '@traiettorie/contracts';
import { createPostgresEventStore, migrateEventStore, type EventStore } from '@traiettorie/event-store';
import { AccessLogging, CommandHandling, ManualClock, randomIds } from '@traiettorie/nest-kit';
import { createTestDatabase, sampleEvent, waitFor, type TestDatabase } from '@traiettorie/testing';
import { toNewEvent } from '@traiettorie/command-handling';
import { randomUUID } from 'node:crypto';
import { CloseOperationController } from './close-operation/close-operation.controller.js';
import { closeOperationExamples } from './close-operation/close-operation.request.js';
import { DeclareExpenditureController } from './declare-expenditure/declare-expenditure.controller.js';
import { declareExpenditureExamples } from './declare-expenditure/declare-expenditure.request.js';
import { EnrolParticipantController } from './enrol-participant/enrol-participant.controller.js';
import { enrolParticipantExamples } from './enrol-participant/enrol-participant.request.js';
import { LeaveOperationController } from './leave-operation/leave-operation.controller.js';
import { operationIdOf } from './operation/operation.state.js';
import { OperationReadController } from './operation-read/operation-read.controller.js';
import { ParticipationReadController } from './participation-read/participation-read.controller.js';
import { SituationUponLeavingController } from './situation-upon-leaving/situation-upon-leaving.controller.js';
import { SixMonthFollowUpController } from './six-month-follow-up/six-month-follow-up.controller.js';

/** The Ambito di Sesto's project office (a demo client), as the door admits it. */
const office = demoClients.find((c) => c.clientId === 'prog-sesto')!;
const callerOf = (client: ClientRegistration): Caller => ({
  client,
  purposeId: client.purposes[0]!,
  voucherId: randomUUID(),
  operator: { userID: 'op-udp-003', userLocation: 'Sesto San Giovanni', LoA: 'substantial' },
});
const sesto = callerOf(office);
const adda = callerOf({ ...office, clientId: 'po-adda', agencyId: 'ufficio-di-piano-adda', ambiti: ['LOM-ADDA-MARTESANA'] });

describe('the programme office on PostgreSQL: a participant from enrolment to the six-month follow-up, and an operation to its closure', () => {
  let db: TestDatabase;
  let store: EventStore;
  let accessLog: AccessLogging;
  let routes: {
    enrol: EnrolParticipantController;
    leave: LeaveOperationController;
    situation: SituationUponLeavingController;
    followUp: SixMonthFollowUpController;
    participation: ParticipationReadController;
    declare: DeclareExpenditureController;
    close: CloseOperationController;
    operation: OperationReadController;
  };

  beforeAll(async () => {
    db = await createTestDatabase('programme');
    await migrateEventStore(db.pool);
    store = createPostgresEventStore(db.pool);
    const commands = new CommandHandling(store, sourceOf('programme', 'ufficio-di-piano-sesto'), new ManualClock('2019-07-01T09:00:00.000Z'), randomIds);
    accessLog = new AccessLogging(store);
    routes = {
      enrol: new EnrolParticipantController(commands),
      leave: new LeaveOperationController(commands),
      situation: new SituationUponLeavingController(commands),
      followUp: new SixMonthFollowUpController(commands),
      participation: new ParticipationReadController(store, accessLog),
      declare: new DeclareExpenditureController(commands),
      close: new CloseOperationController(commands),
      operation: new OperationReadController(store),
    };
  });

  afterAll(async () => {
    await accessLog.onModuleDestroy();
    await db.drop();
  });

  const enrolment = enrolParticipantExamples.avviso3.value;
  const projectCode = enrolment.projectCode;
  const cup = enrolment.cup;

  it('when a person is enrolled, leaves, is assessed twice within four weeks and followed up › the participation shows the last situation as the one ESF+ counts', async () => {
    const caseId = randomUUID();
    // The social services opened the case (the access log names the case as they hold it).
    await store.appendToStream(caseStreamOf('social-services', caseId), [toNewEvent({ ...sampleEvent('CaseOpened', { caseId }), personref: 'P-SSG-7f3a91' })]);

    const enrolled = await routes.enrol.enrol(caseId, undefined, sesto, enrolment);
    await routes.leave.leave(caseId, undefined, sesto, { projectCode, cup, leftOn: '2019-06-28', reason: 'completed' });
    await routes.situation.record(caseId, undefined, sesto, { projectCode, cup, leftOn: '2019-06-28', assessedOn: '2019-07-03', situation: ['job-searching'] });
    const counted = await routes.situation.record(caseId, 3, sesto, { projectCode, cup, leftOn: '2019-06-28', assessedOn: '2019-07-19', situation: ['employed'] });
    const outside = routes.situation.record(caseId, undefined, sesto, { projectCode, cup, leftOn: '2019-06-28', assessedOn: '2019-07-27', situation: ['employed'] });
    await expect(outside).rejects.toThrow(/assessedOn/);
    const early = routes.followUp.record(caseId, undefined, sesto, { projectCode, cup, exitDate: '2019-06-28', followUpOn: '2019-11-15', situation: 'employed' });
    await expect(early).rejects.toThrow(/followUpOn/);
    await routes.followUp.record(caseId, undefined, sesto, { projectCode, cup, exitDate: '2019-06-28', followUpOn: '2020-01-15', situation: 'employed' });

    expect(enrolled).toEqual({ caseId, version: 1, events: [{ id: expect.any(String), type: 'ParticipantEnrolledInOperation' }] });
    expect(await routes.participation.get(caseId, sesto)).toEqual({
      caseId,
      status: 'left',
      ambito: 'LOM-SESTO-SAN-GIOVANNI',
      projectCode,
      cup,
      entryDate: enrolment.entryDate,
      exit: { leftOn: '2019-06-28', reason: 'completed' },
      situationsUponLeaving: [
        { assessedOn: '2019-07-03', situation: ['job-searching'], eventId: expect.any(String) },
        { assessedOn: '2019-07-19', situation: ['employed'], eventId: counted.events[0]!.id },
      ],
      countedSituation: { assessedOn: '2019-07-19', situation: ['employed'], eventId: counted.events[0]!.id },
      followUp: { followUpOn: '2020-01-15', situation: 'employed' },
      version: 5,
    });
    await accessLog.onModuleDestroy();
    // The access log's day stream, as the global log shows it (once older transactions on the shared server end, ADR 2).
    const reads = await waitFor(
      async () => (await store.readAll({ types: ['PersonalDataAccessed'], limit: 1000 })).events.filter((e) => e.metadata['subject'] === caseId),
      (found) => found.length > 0,
      { what: 'the read to be in the access log' },
    );
    expect(reads.map((e) => e.data)).toEqual([
      expect.objectContaining({ route: 'GET /participations/{caseId}', outcome: 'disclosed', disclosed: expect.arrayContaining(['SituationUponLeaving:$.situation']) }),
    ]);
    const stream = await store.readStream(caseStreamOf('programme', caseId));
    expect(stream.map((e) => [e.type, e.metadata['source'], e.metadata['personref']])).toEqual([
      ['ParticipantEnrolledInOperation', '/agencies/programme/ufficio-di-piano-sesto', 'P-SSG-7f3a91'],
      ['ParticipantLeftOperation', '/agencies/programme/ufficio-di-piano-sesto', 'P-SSG-7f3a91'],
      ['SituationUponLeaving', '/agencies/programme/ufficio-di-piano-sesto', 'P-SSG-7f3a91'],
      ['SituationUponLeaving', '/agencies/programme/ufficio-di-piano-sesto', 'P-SSG-7f3a91'],
      ['SixMonthFollowUpRecorded', '/agencies/programme/ufficio-di-piano-sesto', 'P-SSG-7f3a91'],
    ]);
  });

  it('when another Ambito\'s office records an exit › it is refused and nothing is stored', async () => {
    const caseId = randomUUID();
    await store.appendToStream(caseStreamOf('social-services', caseId), [toNewEvent(sampleEvent('CaseOpened', { caseId }))]);
    await routes.enrol.enrol(caseId, undefined, sesto, enrolment);

    await expect(routes.leave.leave(caseId, undefined, adda, { projectCode, cup, leftOn: '2019-06-28', reason: 'moved' })).rejects.toThrow(ForbiddenError);
    expect(await store.readStream(caseStreamOf('programme', caseId))).toHaveLength(1);
  });

  it('when an operation declares expenditure and closes › its events concern no person, and after the closure it takes no declaration and enrols no one', async () => {
    const code = `AV3-2016-LOM-${randomUUID().slice(0, 8)}`;
    const declaration = { ...declareExpenditureExamples.semester.value, projectCode: code };

    const declared = await routes.declare.declare(code, undefined, sesto, declaration);
    await routes.close.close(code, 1, sesto, { ...closeOperationExamples.completed.value, projectCode: code });
    const afterClosure = routes.declare.declare(code, undefined, sesto, { ...declaration, declarationId: 'DDR-LATE' });
    const closingAgain = routes.close.close(code, undefined, sesto, { ...closeOperationExamples.completed.value, projectCode: code });
    const enrolInClosed = routes.enrol.enrol(randomUUID(), undefined, sesto, { ...enrolment, projectCode: code });

    await expect(afterClosure).rejects.toThrow(IllegalStateError);
    await expect(afterClosure).rejects.toThrow(/no expenditure declaration after its closure/);
    await expect(closingAgain).rejects.toThrow(/already closed/);
    await expect(enrolInClosed).rejects.toThrow(/was closed on 2019-12-31: it enrols no one/);
    expect(declared).toMatchObject({ projectCode: code, operationId: operationIdOf(code), version: 1 });
    const stream = await store.readStream(`operation-${code}`);
    expect(stream.map((e) => [e.type, e.metadata['subject'], e.metadata['personref'], e.metadata['ambito']])).toEqual([
      ['ExpenditureDeclared', operationIdOf(code), anonymousPersonRefOf(operationIdOf(code)), 'LOM-SESTO-SAN-GIOVANNI'],
      ['OperationClosed', operationIdOf(code), anonymousPersonRefOf(operationIdOf(code)), 'LOM-SESTO-SAN-GIOVANNI'],
    ]);
    expect(await routes.operation.get(code, sesto)).toMatchObject({ status: 'closed', declaredCents: declaration.totalCents, closure: { closedOn: '2019-12-31', outcome: 'completed' } });
  });
});
