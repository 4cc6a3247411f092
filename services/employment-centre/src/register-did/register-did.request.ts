import { didRegisteredV1 } from '@traiettorie/contracts';
import type { z } from 'zod';

/** POST /referrals/:caseId/did: the DIDRegistered data as the contract defines it. */
export const registerDidRequest = didRegisteredV1.data;

/** An example that succeeds when sent as it is, in the pathway's order. */
export const registerDidExamples = {
  example: { summary: 'A DID registered on SIISL, after the referral', value: didRegisteredV1.example satisfies z.input<typeof registerDidRequest> },
};
