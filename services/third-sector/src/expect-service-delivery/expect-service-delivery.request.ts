import { serviceDeliveryExpectedV1 } from '@traiettorie/contracts';
import { caseIdentityRequest } from '@traiettorie/nest-kit';
import type { z } from 'zod';

/**
 * POST /cases/:caseId/expected-deliveries: the ServiceDeliveryExpected data.
 * The hub records it by itself when the social services activate a support
 * with a third-sector provider; a partner records one it learnt of otherwise,
 * of a support activated with it on the case (`case-<caseId>`).
 */
export const expectServiceDeliveryRequest = serviceDeliveryExpectedV1.data.extend(caseIdentityRequest);

export const expectServiceDeliveryExamples = {
  firstEvent: {
    summary: "A support the partner is to deliver, as the first event of the case's delivery record (so it names the case's person)",
    value: { ambito: 'LOM-SESTO-SAN-GIOVANNI', personRef: 'P-SSG-7f3a91', ...serviceDeliveryExpectedV1.example } satisfies z.input<typeof expectServiceDeliveryRequest>,
  },
};
