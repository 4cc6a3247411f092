import { describe, expect, test } from '@jest/globals';
import { parseEvent, sourceOf, type HubEvent } from '@traiettorie/contracts';
import { derivedEventId, toHubEvents } from '@traiettorie/command-handling';
import { deciderSpecification } from '@traiettorie/testing';
import { caseId, envelopeIdentity, expectationData, expected, started, supportActivated, supportEventId } from '../delivery/delivery.spec-fixtures.js';
import { deliveryState } from '../delivery/delivery.state.js';
import { receiveSupportDecider } from './receive-support.decider.js';
import { receiveSupportCall } from './receive-support.listener.js';

const spec = deciderSpecification(receiveSupportDecider);

const receive = (support: HubEvent<'SupportActivated'>) => receiveSupportCall(support).command;

/** What a first delivery stores: the decided events in the envelope the command handling gives them at the partner. */
function recorded(support: HubEvent<'SupportActivated'>, now = '2026-11-10T10:00:05.000Z'): HubEvent[] {
  const call = receiveSupportCall(support);
  const state = deliveryState.initialState();
  return toHubEvents(receiveSupportDecider.decide(call.command, state), receiveSupportDecider.streamIdentity(state, call.command), {
    source: sourceOf('third-sector', 'coop-lotta-contro-emarginazione'),
    now,
    eventId: call.eventId!,
    ...(call.traceparent ? { traceparent: call.traceparent } : {}),
  });
}

describe('a support activated with a third-sector provider', () => {
  test('when it arrives › the partner’s expected delivery is recorded: provider, agreement, kind and start of the support', () => {
    spec.given([]).when(receive(supportActivated())).then([{ type: 'ServiceDeliveryExpected', data: expectationData }]);
  });

  test('when it is recorded › on the case’s delivery record, with the case’s identity and an id derived from the support event’s', () => {
    const [event] = recorded(supportActivated());

    expect(receiveSupportCall(supportActivated()).stream).toBe(`delivery-${caseId}`);
    expect(event).toMatchObject({ id: derivedEventId(supportEventId, 'ServiceDeliveryExpected'), type: 'ServiceDeliveryExpected', ...envelopeIdentity });
    expect(parseEvent(event)).toEqual(event);
  });

  test('when the support carried a trace context › the expectation continues the same trace', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

    expect(recorded({ ...supportActivated(), traceparent })[0]?.traceparent).toBe(traceparent);
  });

  test('when the partner already started a delivery on the case without an expectation › the support is still expected', () => {
    spec
      .given([started({ supportId: undefined, deliveryId: '7f9b1d3f-5a7c-4e9a-b2d4-6f8a0b2c4d6e' })])
      .when(receive(supportActivated()))
      .then([{ type: 'ServiceDeliveryExpected', data: expectationData }]);
  });
});

describe('supports the third sector does not deliver', () => {
  test('when the provider is public › nothing is recorded', () => {
    const publicProvider = supportActivated({ provider: { kind: 'public', providerId: 'comune-sesto' }, agreementRef: undefined });

    spec.given([]).when(receive(publicProvider)).thenNothingHappens();
  });
});

describe('a second delivery of the same support', () => {
  test('when the support is already expected › nothing more is recorded', () => {
    spec.given([expected()]).when(receive(supportActivated())).thenNothingHappens();
  });

  test('when the expected support is already being delivered › nothing more is recorded', () => {
    spec.given([expected(), started()]).when(receive(supportActivated())).thenNothingHappens();
  });

  test('when the first delivery’s decision is replayed › the second delivery records nothing', () => {
    const first = receiveSupportDecider.decide(receive(supportActivated()), deliveryState.initialState());

    expect(first).toHaveLength(1);
    spec.given(first).when(receive(supportActivated())).thenNothingHappens();
  });

  test('when two deliveries race › both name the same event id, so the store keeps one', () => {
    expect(recorded(supportActivated())[0]?.id).toBe(recorded(supportActivated(), '2026-11-10T10:07:00.000Z')[0]?.id);
  });
});
