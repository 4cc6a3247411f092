import { servicePactSignedV1 } from '@traiettorie/contracts';
import type { z } from 'zod';

/** POST /referrals/:caseId/service-pact: the ServicePactSigned data as the contract defines it. */
export const signServicePactRequest = servicePactSignedV1.data;

/** No referral id in the example: when given, it must be the id of this case's own referral. */
const { referralEventId: _exampleReferral, ...servicePactExample } = servicePactSignedV1.example;

/** An example that succeeds when sent as it is, in the pathway's order. */
export const signServicePactExamples = {
  example: { summary: 'A PSP with training and a tirocinio (send it after the DID)', value: servicePactExample satisfies z.input<typeof signServicePactRequest> },
};
