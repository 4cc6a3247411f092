import { tirocinioStartedV1 } from '@traiettorie/contracts';
import type { z } from 'zod';

/** POST /referrals/:caseId/tirocini: the TirocinioStarted data as the contract defines it. */
export const startTirocinioRequest = tirocinioStartedV1.data;

/** An example that succeeds when sent as it is, in the pathway's order. */
export const startTirocinioExamples = {
  example: { summary: 'A tirocinio di inclusione in logistics (send it after the PSP)', value: tirocinioStartedV1.example satisfies z.input<typeof startTirocinioRequest> },
};
