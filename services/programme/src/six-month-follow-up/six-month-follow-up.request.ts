import { sixMonthFollowUpRecordedV1 } from '@traiettorie/contracts';
import type { z } from 'zod';

/** POST /participations/:caseId/six-month-follow-up: the SixMonthFollowUpRecorded data as the contract defines it. */
export const sixMonthFollowUpRequest = sixMonthFollowUpRecordedV1.data;

/** Each example succeeds when sent as it is, once per participation whose exit it names. */
export const sixMonthFollowUpExamples = {
  employed: { summary: 'Six months after leaving, the person is employed', value: sixMonthFollowUpRecordedV1.example satisfies z.input<typeof sixMonthFollowUpRequest> },
};
