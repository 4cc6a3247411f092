import { employmentStartedV1 } from '@traiettorie/contracts';
import type { z } from 'zod';

/** POST /referrals/:caseId/employments: the EmploymentStarted data as the contract defines it. */
export const startEmploymentRequest = employmentStartedV1.data;

/** An example that succeeds when sent as it is, in the pathway's order. */
export const startEmploymentExamples = {
  example: { summary: 'A fixed-term part-time contract', value: employmentStartedV1.example satisfies z.input<typeof startEmploymentRequest> },
};
