import { employmentReferralReceivedV1, isoDate } from '@traiettorie/contracts';
import type { z } from 'zod';

/**
 * POST /referrals/:caseId: a referral the CPI received outside the hub's
 * policy (by hand); `servicePactDueBy` is computed (60 days) when omitted.
 */
export const recordReferralRequest = employmentReferralReceivedV1.data.extend({ servicePactDueBy: isoDate.optional() });

const { servicePactDueBy: _computed, ...referralExample } = employmentReferralReceivedV1.example;

export const recordReferralExamples = {
  byHand: {
    summary: 'A referral from an assessment, entered at the CPI desk (for a case opened at the social services)',
    value: referralExample satisfies z.input<typeof recordReferralRequest>,
  },
};
