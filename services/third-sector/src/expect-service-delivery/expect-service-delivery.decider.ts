import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { deliveryIdentity, deliveryState, idKey, requireRecordedByProvider, type DeliveryCommand, type DeliveryEventType, type DeliveryState } from '../delivery/delivery.state.js';

/** Record a support the partner is to deliver (the social services activated it with the partner). */
export type ExpectServiceDelivery = DeliveryCommand<'ExpectServiceDelivery', 'ServiceDeliveryExpected'>;

/**
 * A support is expected once: a second expectation of the same support is
 * refused. A partner records only its own expected deliveries (403
 * `provider-not-yours`); the hub's policy records one for the provider the
 * support names.
 */
export const expectServiceDeliveryDecider: Decider<ExpectServiceDelivery, DeliveryState, DeliveryEventType> = {
  ...deliveryState,
  decide(command, state) {
    requireRecordedByProvider(command.data.providerId, command.recordedBy, `the delivery of support ${command.data.supportId}`);
    deliveryIdentity(state, command);
    if (state.status === 'recorded' && state.expected[idKey(command.data.supportId)]) {
      throw new IllegalStateError(`support ${command.data.supportId} is already expected on the delivery record of case ${command.caseId}`);
    }
    return [{ type: 'ServiceDeliveryExpected', data: command.data }];
  },
  streamIdentity: deliveryIdentity,
};
