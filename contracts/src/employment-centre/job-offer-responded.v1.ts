import { z } from 'zod';
import { classified, isoDate } from '../common.js';
import { defineEvent } from '../define-event.js';
import { notBefore } from '../rules.js';
import { contractTypes } from '../vocabulary.js';

/**
 * The person answered a job offer. Declining a suitable ("congrua", DL
 * 48/2023 art. 9) offer without justification can cost the benefit.
 */
export const jobOfferRespondedV1 = defineEvent({
  type: 'JobOfferResponded',
  version: 1,
  context: 'employment-centre',
  emitters: ['employment-centre'],
  description: 'The person accepted or declined a job offer; declining a suitable one without justification is a breach.',
  data: z
    .strictObject({
      offerId: z.string().min(1).max(64),
      offeredOn: isoDate,
      respondedOn: isoDate,
      contractType: z.enum(contractTypes),
      /** Whether the offer is suitable (offerta congrua) under the measure's rules. */
      suitable: z.boolean(),
      response: classified(z.enum(['accepted', 'declined-justified', 'declined-unjustified']), 'personal'),
    })
    .refine(...notBefore('respondedOn', 'offeredOn')),
  example: {
    offerId: 'AFOL-OFF-2027-00931',
    offeredOn: '2027-09-06',
    respondedOn: '2027-09-08',
    contractType: 'fixed-term',
    suitable: true,
    response: 'accepted',
  },
});
