import { describe, expect, test } from '@jest/globals';
import { ForbiddenError, pactSignedV3, sourceOf, ValidationError } from '@traiettorie/contracts';
import { sampleEvent } from '@traiettorie/testing';
import { toHubEvents, type CommandContext } from './command-context.js';
import type { DomainEvent } from './domain-event.js';

const caseId = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
const identity = { subject: caseId, ambito: 'LOM-MILANO', personref: 'P-MI-000123', legalbasis: 'L-328-2000-art-22' };
const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
const context: CommandContext = {
  source: sourceOf('social-services', 'ambito-sesto'),
  now: '2026-10-02T08:15:00.000Z',
  eventId: (_event, index) => ids[index]!,
};
const opened: DomainEvent<'CaseOpened'> = { type: 'CaseOpened', data: sampleEvent('CaseOpened').data };
const assessed: DomainEvent<'AssessmentCompleted'> = { type: 'AssessmentCompleted', data: sampleEvent('AssessmentCompleted').data };

describe('wrapping decided events in their envelope', () => {
  test('when a command decides an event › its CloudEvent has the context’s id, clock and source, the stream’s identity and its type’s latest schema', () => {
    expect(toHubEvents([assessed], identity, context)).toEqual([
      {
        specversion: '1.0',
        id: ids[0],
        source: '/agencies/social-services/ambito-sesto',
        type: 'AssessmentCompleted',
        time: '2026-10-02T08:15:00.000Z',
        subject: caseId,
        datacontenttype: 'application/json',
        dataschema: 'urn:traiettorie:schema:AssessmentCompleted:v2',
        ambito: 'LOM-MILANO',
        personref: 'P-MI-000123',
        legalbasis: 'L-328-2000-art-22',
        data: assessed.data,
      },
    ]);
  });

  test('when a command decides several events › each gets its own id, in order', () => {
    const events = toHubEvents([opened, assessed], identity, context);

    expect(events.map((e) => [e.type, e.id])).toEqual([
      ['CaseOpened', ids[0]],
      ['AssessmentCompleted', ids[1]],
    ]);
  });

  test('when the context carries a trace context › the events carry it too', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

    const [event] = toHubEvents([opened], identity, { ...context, traceparent });

    expect(event?.traceparent).toBe(traceparent);
  });

  test('when the context carries no trace context › the events have no traceparent attribute at all', () => {
    const [event] = toHubEvents([opened], identity, context);

    expect(event).toBeDefined();
    expect(Object.keys(event!)).not.toContain('traceparent');
  });

  test('when the issuing agency may not emit the type › it is refused before anything is stored', () => {
    const employmentCentre = { ...context, source: sourceOf('employment-centre', 'afol-metropolitana') };

    expect(() => toHubEvents([{ type: 'PactSigned', data: pactSignedV3.example }], identity, employmentCentre)).toThrow(ForbiddenError);
  });

  test('when the stream’s person reference is a codice fiscale › the contract refuses the event', () => {
    expect(() => toHubEvents([opened], { ...identity, personref: 'RSSMRA80A01F205X' }, context)).toThrow(ValidationError);
  });
});
