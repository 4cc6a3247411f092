import { profilingCompletedV1 } from '@traiettorie/contracts';
import type { z } from 'zod';

/** POST /referrals/:caseId/profiling: the ProfilingCompleted data as the contract defines it. */
export const completeProfilingRequest = profilingCompletedV1.data;

/** An example that succeeds when sent as it is, in the pathway's order. */
export const completeProfilingExamples = {
  example: { summary: 'A long-term unemployed person, profiled after the DID', value: profilingCompletedV1.example satisfies z.input<typeof completeProfilingRequest> },
};
