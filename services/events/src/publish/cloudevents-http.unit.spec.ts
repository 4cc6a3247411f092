import { describe, expect, test } from '@jest/globals';
import { ValidationError } from '@traiettorie/contracts';
import { ProblemException } from '@traiettorie/nest-kit';
import { MAX_BATCH, postedEvents } from './cloudevents-http.js';

describe('reading the CloudEvents of an HTTP request (CloudEvents HTTP binding)', () => {
  test('binary mode › the ce-* headers are the attributes (percent-decoded), the media type of Content-Type is datacontenttype, the body is data', () => {
    const posted = postedEvents(
      { 'content-type': 'application/json; charset=utf-8', 'ce-specversion': '1.0', 'ce-id': 'abc', 'ce-type': 'CaseOpened', 'ce-legalbasis': 'L%20328%2F2000', host: 'x' },
      { measure: 'ADI' },
    );
    expect(posted).toEqual({
      mode: 'binary',
      events: [{ specversion: '1.0', id: 'abc', type: 'CaseOpened', legalbasis: 'L 328/2000', datacontenttype: 'application/json', data: { measure: 'ADI' } }],
    });
  });

  test('structured mode › the body is the event, as it is', () => {
    const event = { specversion: '1.0', id: 'abc', data: {} };
    expect(postedEvents({ 'content-type': 'application/cloudevents+json; charset=UTF-8' }, event)).toEqual({ mode: 'structured', events: [event] });
  });

  test('batch mode › the array is the events, in order; anything else than an array, or too many, is refused naming the rule', () => {
    expect(postedEvents({ 'content-type': 'application/cloudevents-batch+json' }, [{ id: 1 }, 'x'])).toEqual({ mode: 'batch', events: [{ id: 1 }, 'x'] });
    expect(() => postedEvents({ 'content-type': 'application/cloudevents-batch+json' }, { id: 1 })).toThrow(ValidationError);
    expect(() => postedEvents({ 'content-type': 'application/cloudevents-batch+json' }, new Array(MAX_BATCH + 1).fill({}))).toThrow(/at most 5000/);
  });

  test('no ce-* header and no CloudEvents media type › 415 naming the three modes', () => {
    let thrown: unknown;
    try {
      postedEvents({ 'content-type': 'application/json' }, {});
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProblemException);
    expect((thrown as ProblemException).problem).toMatchObject({ status: 415, accepted: ['application/json', 'application/cloudevents+json', 'application/cloudevents-batch+json'] });
  });
});
