import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { requireActivatedSupport, type CaseSupports } from '../delivery/case-supports.js';
import { deliveryIdentity, deliveryState, idKey, requireRecordedByProvider, type DeliveryCommand, type DeliveryEventType, type DeliveryState } from '../delivery/delivery.state.js';

/** Record a support the partner is to deliver (the social services activated it with the partner). */
export type ExpectServiceDelivery = DeliveryCommand<'ExpectServiceDelivery', 'ServiceDeliveryExpected'> & {
  /**
   * The supports activated on the case, as its stream (`case-<caseId>`) showed
   * them just before: this decider sees only the delivery record, so whoever
   * builds the command reads the case's (the route; `recordEvents`, through
   * the recorder's `dependsOn`; the hub's policy has the SupportActivated
   * itself).
   */
  supports: CaseSupports;
};

/**
 * A support is expected once, from the provider and under the agreement the
 * social services activated it with on the case: a partner cannot take
 * another provider's support by recording its expectation first. A partner
 * records only its own expected deliveries (403 `provider-not-yours`), of a
 * support activated with it (404 when the case has no such support, 403
 * `provider-not-yours` when it is another provider's, never named); the
 * hub's policy records one for the provider the support names.
 */
export const expectServiceDeliveryDecider: Decider<ExpectServiceDelivery, DeliveryState, DeliveryEventType> = {
  ...deliveryState,
  decide(command, state) {
    requireRecordedByProvider(command.data.providerId, command.recordedBy, `the delivery of support ${command.data.supportId}`);
    requireActivatedSupport(command.supports, command.caseId, command.data);
    deliveryIdentity(state, command);
    if (state.status === 'recorded' && state.expected[idKey(command.data.supportId)]) {
      throw new IllegalStateError(`support ${command.data.supportId} is already expected on the delivery record of case ${command.caseId}`);
    }
    return [{ type: 'ServiceDeliveryExpected', data: command.data }];
  },
  streamIdentity: deliveryIdentity,
};
