import { serviceDeliveryStartedV1 } from '@traiettorie/contracts';
import { caseIdentityRequest } from '@traiettorie/nest-kit';
import type { z } from 'zod';

/** POST /cases/:caseId/deliveries: the ServiceDeliveryStarted data, and whose case it is when it opens the record. */
export const startServiceDeliveryRequest = serviceDeliveryStartedV1.data.extend(caseIdentityRequest);

const { supportId: _support, ...unexpected } = serviceDeliveryStartedV1.example;

export const startServiceDeliveryExamples = {
  answeringSupport: {
    summary: 'A delivery answering the support the social services activated (send it after the expected delivery)',
    value: serviceDeliveryStartedV1.example satisfies z.input<typeof startServiceDeliveryRequest>,
  },
  firstEvent: {
    summary: "A delivery the partner starts on its own, without an expectation (the identity opens the case's delivery record if it is the first event)",
    value: { ambito: 'LOM-SESTO-SAN-GIOVANNI', personRef: 'P-SSG-7f3a91', ...unexpected, deliveryId: '7f9b1d3f-5a7c-4e9a-b2d4-6f8a0b2c4d6e' } satisfies z.input<typeof startServiceDeliveryRequest>,
  },
};
