import { tirocinioPlacementRequestedV1 } from '@traiettorie/contracts';
import type { z } from 'zod';

/** POST /referrals/:caseId/tirocinio-placement-requests: the TirocinioPlacementRequested data as the contract defines it. */
export const recordTirocinioPlacementRequest = tirocinioPlacementRequestedV1.data;

export const recordTirocinioPlacementExamples = {
  byHand: {
    summary: 'A pact with a tirocinio, taken in at the CPI desk (send it after the referral)',
    value: tirocinioPlacementRequestedV1.example satisfies z.input<typeof recordTirocinioPlacementRequest>,
  },
};
