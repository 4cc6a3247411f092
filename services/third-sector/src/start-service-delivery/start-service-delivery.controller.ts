import { caseRecordCommandController, sourceOfCaller } from '@traiettorie/nest-kit';
import { caseStream, caseSupportsOf } from '../delivery/case-supports.js';
import { deliveryStream } from '../delivery/delivery.state.js';
import { startServiceDeliveryDecider } from './start-service-delivery.decider.js';
import { startServiceDeliveryExamples, startServiceDeliveryRequest } from './start-service-delivery.request.js';

/** POST /cases/:caseId/deliveries (ServiceDeliveryStarted). */
export const StartServiceDeliveryController = caseRecordCommandController({
  tag: 'deliveries',
  stream: deliveryStream,
  decider: startServiceDeliveryDecider,
  // The case's own stream, read just before: the start's decider sees only the delivery record.
  dependsOn: caseStream,
  route: {
    path: 'deliveries',
    operationId: 'Delivery_start',
    summary: 'Record that the partner started delivering a service under an agreement (ServiceDeliveryStarted)',
    description:
      'By the caller as provider: `providerId` is its own agency id (403 `provider-not-yours` otherwise). With or without an expected delivery: when `supportId` names a support expected on the case, the delivery answers it and must be by its provider (403 `provider-not-yours` otherwise, naming neither), under its agreement (409 otherwise, or if the support already has a delivery); when it names a support not yet expected, that support must be activated on the case with the caller: 404 when the case has no such support, 403 `provider-not-yours` when it is another provider’s (never named), 409 under another agreement than the support’s. Without `supportId` the delivery answers no support. The same `deliveryId` twice is refused with 409.',
    request: startServiceDeliveryRequest,
    examples: startServiceDeliveryExamples,
    recorded: 'The delivery is recorded as started',
  },
  // Who records it is the caller's agency: a partner records deliveries only as their provider.
  command: (caseId, request, caller, caseHistory) => ({
    type: 'StartServiceDelivery' as const,
    caseId,
    ...request,
    supports: caseSupportsOf(caseHistory),
    recordedBy: sourceOfCaller(caller),
  }),
});
