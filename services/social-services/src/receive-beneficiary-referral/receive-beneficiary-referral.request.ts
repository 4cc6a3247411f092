import { beneficiaryReferralReceivedV1 } from '@traiettorie/contracts';
import type { z } from 'zod';

/** POST /cases/:caseId/referral: exactly the BeneficiaryReferralReceived data. */
export const receiveBeneficiaryReferralRequest = beneficiaryReferralReceivedV1.data;

/** Each example succeeds when sent as it is, in the pathway's order (the OpenAPI document lists the routes in that order). */
export const receiveBeneficiaryReferralExamples = {
  adi: { summary: 'An ADI household referred after signing its PAD', value: beneficiaryReferralReceivedV1.example satisfies z.input<typeof receiveBeneficiaryReferralRequest> },
};
