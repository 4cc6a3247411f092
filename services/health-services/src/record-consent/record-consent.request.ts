import { consentRecordedV1 } from '@traiettorie/contracts';
import type { z } from 'zod';
import { caseIdentityRequest } from '@traiettorie/nest-kit';

/** POST /cases/:caseId/consents: the ConsentRecorded data, and whose case it is when it is the record's first event. */
export const recordConsentRequest = consentRecordedV1.data.extend(caseIdentityRequest);

/** The identity of the e2e and OpenAPI examples' case (an ss-sesto case, Ambito of Sesto San Giovanni). */
export const exampleIdentity = { ambito: 'LOM-SESTO-SAN-GIOVANNI', personRef: 'P-SSG-7f3a91' } as const;

export const recordConsentExamples = {
  firstEvent: {
    summary: "The person's consent, recorded as the first event of the case's health record (so it names the case's person)",
    value: { ...exampleIdentity, ...consentRecordedV1.example } satisfies z.input<typeof recordConsentRequest>,
  },
};
