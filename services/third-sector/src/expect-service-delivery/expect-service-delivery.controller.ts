import { caseRecordCommandController, sourceOfCaller } from '@traiettorie/nest-kit';
import { caseStream, caseSupportsOf } from '../delivery/case-supports.js';
import { deliveryStream } from '../delivery/delivery.state.js';
import { expectServiceDeliveryDecider } from './expect-service-delivery.decider.js';
import { expectServiceDeliveryExamples, expectServiceDeliveryRequest } from './expect-service-delivery.request.js';

/** POST /cases/:caseId/expected-deliveries (ServiceDeliveryExpected). */
export const ExpectServiceDeliveryController = caseRecordCommandController({
  tag: 'deliveries',
  stream: deliveryStream,
  decider: expectServiceDeliveryDecider,
  // The case's own stream, read just before: the expectation's decider sees only the delivery record.
  dependsOn: caseStream,
  route: {
    path: 'expected-deliveries',
    operationId: 'Delivery_expect',
    summary: 'Record a support the partner is to deliver (ServiceDeliveryExpected)',
    description:
      'Recorded by the hub itself when the social services activate a support with a third-sector provider (SupportActivated); a partner records one it learnt of otherwise, only as its provider (`providerId` its own agency id; 403 `provider-not-yours` otherwise) and only for a support activated on the case with it: 404 when the case has no such support, 403 `provider-not-yours` when the support is another provider’s (never named), 409 under another agreement than the support’s. The same support twice is refused with 409.',
    request: expectServiceDeliveryRequest,
    examples: expectServiceDeliveryExamples,
    recorded: 'The expected delivery is recorded',
  },
  // Who records it is the caller's agency: a partner records deliveries only as their provider.
  command: (caseId, request, caller, caseHistory) => ({
    type: 'ExpectServiceDelivery' as const,
    caseId,
    ...request,
    supports: caseSupportsOf(caseHistory),
    recordedBy: sourceOfCaller(caller),
  }),
});
