import { carePathStatusChangedV1 } from '@traiettorie/contracts';
import type { z } from 'zod';
import { caseIdentityRequest } from '@traiettorie/nest-kit';

/** POST /cases/:caseId/care-path-status: the CarePathStatusChanged data, naming the consent it is shared under. */
export const changeCarePathStatusRequest = carePathStatusChangedV1.data.extend(caseIdentityRequest);

export const changeCarePathStatusExamples = {
  active: {
    summary: 'The care path is active (send it after the consent and an involvement)',
    value: carePathStatusChangedV1.example satisfies z.input<typeof changeCarePathStatusRequest>,
  },
};
