import { accessRules } from '@traiettorie/access';
import { ForbiddenError, IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { deliveryIdentity, deliveryState, idKey, requireRecordedByProvider, type DeliveryEventType, type DeliveryState, type PartnerCommand } from '../delivery/delivery.state.js';

/** Record that a third-sector provider started delivering a service to the person under an agreement. */
export type StartServiceDelivery = PartnerCommand<'StartServiceDelivery', 'ServiceDeliveryStarted'>;

/**
 * A partner starts deliveries only as their provider (`providerId` is its own
 * agency id: 403 `provider-not-yours` otherwise). A delivery starts once. It may answer a support the social services
 * activated (`supportId`) or not; when that support is expected on the case,
 * the delivery is by the provider (403 `provider-not-yours`, naming neither) and under the agreement the support named,
 * and a support is answered by one delivery.
 */
export const startServiceDeliveryDecider: Decider<StartServiceDelivery, DeliveryState, DeliveryEventType> = {
  ...deliveryState,
  decide(command, state) {
    const { deliveryId, supportId, providerId, agreementRef } = command.data;
    requireRecordedByProvider(providerId, command.recordedBy, `delivery ${deliveryId}`);
    deliveryIdentity(state, command);
    if (state.status === 'recorded' && state.deliveries[idKey(deliveryId)]) throw new IllegalStateError(`delivery ${deliveryId} has already started`);
    const expected = state.status === 'recorded' && supportId !== undefined ? state.expected[idKey(supportId)] : undefined;
    if (expected) {
      // Another provider's support: neither provider is named back, nor anything of its delivery.
      if (expected.providerId !== providerId) throw new ForbiddenError(`support ${supportId} is expected from another provider`, accessRules.providerNotYours);
      if (expected.deliveryId !== undefined) throw new IllegalStateError(`support ${supportId} is already delivered by delivery ${expected.deliveryId}`);
      if (expected.agreementRef !== agreementRef) throw new IllegalStateError(`support ${supportId} is expected under agreement ${expected.agreementRef}, not ${agreementRef}`);
    }
    return [{ type: 'ServiceDeliveryStarted', data: command.data }];
  },
  streamIdentity: deliveryIdentity,
};
