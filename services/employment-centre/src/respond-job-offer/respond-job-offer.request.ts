import { jobOfferRespondedV1 } from '@traiettorie/contracts';
import type { z } from 'zod';

/** POST /referrals/:caseId/job-offer-responses: the JobOfferResponded data as the contract defines it. */
export const respondJobOfferRequest = jobOfferRespondedV1.data;

/** An example that succeeds when sent as it is, in the pathway's order. */
export const respondJobOfferExamples = {
  example: { summary: 'A suitable offer accepted (send it after the DID)', value: jobOfferRespondedV1.example satisfies z.input<typeof respondJobOfferRequest> },
};
