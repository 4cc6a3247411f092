import { consentWithdrawnV1 } from '@traiettorie/contracts';
import type { z } from 'zod';
import { caseIdentityRequest } from '@traiettorie/nest-kit';

/** POST /cases/:caseId/consent-withdrawals: the ConsentWithdrawn data (the identity only to check it). */
export const withdrawConsentRequest = consentWithdrawnV1.data.extend(caseIdentityRequest);

const { scope: _items, ...wholeWithdrawal } = consentWithdrawnV1.example;

export const withdrawConsentExamples = {
  careStatusOnly: {
    summary: 'The person stops sharing the care path status only (send it after the consent example)',
    value: consentWithdrawnV1.example satisfies z.input<typeof withdrawConsentRequest>,
  },
  whole: {
    summary: 'The person withdraws what remains of the consent',
    value: wholeWithdrawal satisfies z.input<typeof withdrawConsentRequest>,
  },
};
