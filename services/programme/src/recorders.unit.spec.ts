import { describe, expect, test } from '@jest/globals';
import { definitionOf, IllegalStateError, type EventType } from '@traiettorie/contracts';
import type { DomainEvent } from '@traiettorie/command-handling';
import { deciderSpecification, sampleEvent } from '@traiettorie/testing';
import { programmeRecorders } from './recorders.js';

/** A history after which each type's catalogue example is in order: the examples tell one participant's and one operation's story. */
const example = (type: EventType) => ({ type, data: definitionOf(type).example }) as DomainEvent;
const inOrderAfter: Record<string, DomainEvent[]> = {
  ParticipantEnrolledInOperation: [],
  ParticipantLeftOperation: [example('ParticipantEnrolledInOperation')],
  SituationUponLeaving: [example('ParticipantEnrolledInOperation'), example('ParticipantLeftOperation')],
  SixMonthFollowUpRecorded: [example('ParticipantEnrolledInOperation'), example('ParticipantLeftOperation')],
  ExpenditureDeclared: [],
  OperationClosed: [example('ExpenditureDeclared')],
};

describe('the programme office records what an agency system publishes, with the same deciders as its routes', () => {
  test('every programme event type has one recorder', () => {
    expect(programmeRecorders.map((r) => r.type).sort()).toEqual(Object.keys(inOrderAfter).sort());
  });

  describe.each(programmeRecorders.map((r) => [r.type, r] as const))('%s', (type, recorder) => {
    const published = sampleEvent(type);
    const spec = deciderSpecification(recorder.decider);

    test('when it is in order › the decider records exactly the published event, on a stream of its own', () => {
      spec.given(inOrderAfter[type]!).when(recorder.command(published)).then([{ type, data: published.data } as DomainEvent]);
      expect(recorder.stream(published)).toMatch(/^(participation|operation)-/);
    });

    test('when it is out of order › the decider refuses it', () => {
      spec.given([...(recorder.outOfOrder ?? [])]).when(recorder.command(published)).thenThrows(Error);
    });
  });

  const openers = programmeRecorders.filter((r) => inOrderAfter[r.type]!.length === 0);
  test.each(openers.map((r) => [r.type, r] as const))('%s › when it opens its stream, the stream carries the published envelope\'s identity', (type, recorder) => {
    const published = sampleEvent(type);
    const { state } = deciderSpecification(recorder.decider).given([]).when(recorder.command(published));

    expect(recorder.decider.streamIdentity(state(), recorder.command(published))).toEqual({
      subject: published.subject,
      ambito: published.ambito,
      personref: published.personref,
      legalbasis: published.legalbasis,
    });
  });

  describe('an enrolment published, given its operation’s stream as recordEvents reads it', () => {
    const recorder = programmeRecorders.find((r) => r.type === 'ParticipantEnrolledInOperation')!;
    const published = sampleEvent('ParticipantEnrolledInOperation');
    const { projectCode, cup } = published.data;
    const spec = deciderSpecification(recorder.decider);

    test('it depends on the stream of the operation it names', () => {
      expect(recorder.dependsOn?.(published)).toBe(`operation-${projectCode}`);
    });

    test('when the operation was closed › it enrols no one', () => {
      const closed = sampleEvent('OperationClosed', { data: { projectCode, cup, closedOn: '2019-12-31' } });

      spec.given([]).when(recorder.command(published, [closed])).thenThrows(IllegalStateError, new RegExp(`operation ${projectCode} was closed on 2019-12-31: it enrols no one`));
    });

    test('when the operation is recorded under another CUP › it is refused naming the CUP', () => {
      const declared = sampleEvent('ExpenditureDeclared', { data: { projectCode, cup: 'B11C20000010009' } });

      spec.given([]).when(recorder.command(published, [declared])).thenThrows(IllegalStateError, /^cup: /);
    });

    test('when the operation is open, or nothing is recorded of it yet › the person is enrolled', () => {
      const declared = sampleEvent('ExpenditureDeclared', { data: { projectCode, cup } });

      spec.given([]).when(recorder.command(published, [declared])).then([{ type: 'ParticipantEnrolledInOperation', data: published.data }]);
      spec.given([]).when(recorder.command(published, [])).then([{ type: 'ParticipantEnrolledInOperation', data: published.data }]);
    });
  });
});
