import { situationUponLeavingV1 } from '@traiettorie/contracts';
import type { z } from 'zod';

/** POST /participations/:caseId/situation-upon-leaving: the SituationUponLeaving data as the contract defines it. */
export const situationUponLeavingRequest = situationUponLeavingV1.data;

/** The example may be sent again within the window: each is recorded, the last assessed is the one ESF+ counts. */
export const situationUponLeavingExamples = {
  searching: { summary: 'Two weeks after leaving, the person is searching for a job', value: situationUponLeavingV1.example satisfies z.input<typeof situationUponLeavingRequest> },
};
