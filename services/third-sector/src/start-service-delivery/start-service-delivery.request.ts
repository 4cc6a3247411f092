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
    summary: "A delivery the partner starts on its own, as the first event of the case's delivery record",
    value: { ambito: 'LOM-SESTO-SAN-GIOVANNI', personRef: 'P-SSG-7f3a91', ...unexpected } satisfies z.input<typeof startServiceDeliveryRequest>,
  },
};
