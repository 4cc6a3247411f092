import { tirocinioEndedV1 } from '@traiettorie/contracts';
import type { z } from 'zod';

/** POST /referrals/:caseId/tirocinio-endings: the TirocinioEnded data as the contract defines it. */
export const endTirocinioRequest = tirocinioEndedV1.data;

/** An example that succeeds when sent as it is, in the pathway's order. */
export const endTirocinioExamples = {
  example: { summary: 'The host hires the person (send it after the tirocinio started)', value: tirocinioEndedV1.example satisfies z.input<typeof endTirocinioRequest> },
};
