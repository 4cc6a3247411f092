import { carePathStatusChangedV1 } from '@traiettorie/contracts';
import type { z } from 'zod';
import { identityRequest } from '../health-record/health-record.http.js';

/** POST /cases/:caseId/care-path-status: the CarePathStatusChanged data, naming the consent it is shared under. */
export const changeCarePathStatusRequest = carePathStatusChangedV1.data.extend(identityRequest);

export const changeCarePathStatusExamples = {
  active: {
    summary: 'The care path is active (send it after the consent and an involvement)',
    value: carePathStatusChangedV1.example satisfies z.input<typeof changeCarePathStatusRequest>,
  },
};
