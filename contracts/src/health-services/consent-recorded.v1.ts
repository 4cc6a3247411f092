import { z } from 'zod';
import { agencyKinds, classified, documentRef, isoDate } from '../common.js';
import { defineEvent } from '../define-event.js';
import { distinct, notBefore } from '../rules.js';
import { consentScopes } from '../vocabulary.js';

/** What the shared health information is for. */
export const consentPurposes = ['multidisciplinary-assessment', 'pact-monitoring', 'activation-planning'] as const;

/**
 * The person consented to health services sharing some information (scope)
 * with some agencies (recipients) for a purpose, until an expiry. Every read
 * of shared health data checks it.
 */
export const consentRecordedV1 = defineEvent({
  type: 'ConsentRecorded',
  version: 1,
  context: 'health-services',
  emitters: ['health-services'],
  description: 'The person consented to health services sharing named information with named agencies, for a purpose, until a date.',
  data: z
    .strictObject({
      consentId: z.uuid(),
      givenOn: isoDate,
      purpose: z.enum(consentPurposes),
      recipients: z
        .array(z.enum(agencyKinds))
        .min(1)
        .refine(...distinct()),
      scope: z
        .array(z.enum(consentScopes))
        .min(1)
        .refine(...distinct()),
      expiresOn: isoDate,
      /** The signed consent form, kept by the health service. */
      documentRef: classified(documentRef, 'personal'),
    })
    .refine(...notBefore('expiresOn', 'givenOn')),
  example: {
    consentId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    givenOn: '2026-10-19',
    purpose: 'multidisciplinary-assessment',
    recipients: ['social-services', 'employment-centre'],
    scope: ['service-category', 'care-path-status'],
    expiresOn: '2028-04-30',
    documentRef: 'ASST-NORD-MI/consensi/2026/4471',
  },
});
