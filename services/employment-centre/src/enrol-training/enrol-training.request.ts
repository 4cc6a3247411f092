import { trainingEnrolledV1 } from '@traiettorie/contracts';
import type { z } from 'zod';

/** POST /referrals/:caseId/training-enrolments: the TrainingEnrolled data as the contract defines it. */
export const enrolTrainingRequest = trainingEnrolledV1.data;

/** An example that succeeds when sent as it is, in the pathway's order. */
export const enrolTrainingExamples = {
  example: { summary: 'A logistics course of the regional catalogue (send it after the PSP)', value: trainingEnrolledV1.example satisfies z.input<typeof enrolTrainingRequest> },
};
