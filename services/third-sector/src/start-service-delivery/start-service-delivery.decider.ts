import { accessRules } from '@traiettorie/access';
import { ForbiddenError, IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { requireActivatedSupport, type CaseSupports } from '../delivery/case-supports.js';
import { deliveryIdentity, deliveryState, idKey, requireRecordedByProvider, type DeliveryEventType, type DeliveryState, type PartnerCommand } from '../delivery/delivery.state.js';

/** Record that a third-sector provider started delivering a service to the person under an agreement. */
export type StartServiceDelivery = PartnerCommand<'StartServiceDelivery', 'ServiceDeliveryStarted'> & {
  /**
   * The supports activated on the case, as its stream (`case-<caseId>`) showed
   * them just before: this decider sees only the delivery record, so whoever
   * builds the command reads the case's (the route; `recordEvents`, through
   * the recorder's `dependsOn`).
   */
  supports: CaseSupports;
};

/**
 * A partner starts deliveries only as their provider (`providerId` is its own
 * agency id: 403 `provider-not-yours` otherwise). A delivery starts once. It may answer a support the social services
 * activated (`supportId`) or not; when that support is expected on the case,
 * the delivery is by the provider (403 `provider-not-yours`, naming neither) and under the agreement the support named,
 * and a support is answered by one delivery. A support not yet expected must
 * be activated on the case with the provider and under the agreement the
 * delivery names (404 / 403 `provider-not-yours`, naming neither / 409): a
 * partner cannot take another provider's support by starting it first.
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
    } else if (supportId !== undefined) {
      requireActivatedSupport(command.supports, command.caseId, { supportId, providerId, agreementRef });
    }
    return [{ type: 'ServiceDeliveryStarted', data: command.data }];
  },
  streamIdentity: deliveryIdentity,
};
