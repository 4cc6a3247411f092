import { caseRecordCommandController, sourceOfCaller } from '@traiettorie/nest-kit';
import { deliveryStream } from '../delivery/delivery.state.js';
import { startServiceDeliveryDecider } from './start-service-delivery.decider.js';
import { startServiceDeliveryExamples, startServiceDeliveryRequest } from './start-service-delivery.request.js';

/** POST /cases/:caseId/deliveries (ServiceDeliveryStarted). */
export const StartServiceDeliveryController = caseRecordCommandController({
  tag: 'deliveries',
  stream: deliveryStream,
  decider: startServiceDeliveryDecider,
  route: {
    path: 'deliveries',
    operationId: 'Delivery_start',
    summary: 'Record that the partner started delivering a service under an agreement (ServiceDeliveryStarted)',
    description: 'By the caller as provider: `providerId` is its own agency id (403 `provider-not-yours` otherwise). With or without an expected delivery: when `supportId` names a support expected on the case, the delivery answers it and must be by its provider, under its agreement (409 otherwise, or if the support already has a delivery). The same `deliveryId` twice is refused with 409.',
    request: startServiceDeliveryRequest,
    examples: startServiceDeliveryExamples,
    recorded: 'The delivery is recorded as started',
  },
  // Who records it is the caller's agency: a partner records deliveries only as their provider.
  command: (caseId, request, caller) => ({ type: 'StartServiceDelivery', caseId, ...request, recordedBy: sourceOfCaller(caller) }),
});
