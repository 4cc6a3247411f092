import { ambitoCode, isoDate, specialistServiceCategories, consentRecordedV1 } from '@traiettorie/contracts';
import { z } from 'zod';
import { caseIdentityRequest } from '@traiettorie/nest-kit';

/** Which specialist service each category stands for. */
const categories = 'CPS: `mental-health`; SerD or NOA: `addictions`; UOMPIA: `child-neuropsychiatry`';

/**
 * POST /cases/:caseId/specialist-involvements: an identified involvement
 * (SpecialistServiceInvolved with `anonymous: false`). The service category is
 * shared only under the consent named by `consentId`.
 */
export const involveSpecialistServiceRequest = z.strictObject({
  ...caseIdentityRequest,
  involvedOn: isoDate,
  involvement: z.enum(['joins-eemm', 'takes-in-charge', 'consulted']),
  serviceCategory: z.enum(specialistServiceCategories).optional().describe(`${categories}; only with a consentId covering \`service-category\``),
  consentId: z.uuid().optional().describe('the ConsentRecorded under which the service category is shared'),
});

export const involveSpecialistServiceExamples = {
  cpsJoinsEemm: {
    summary: 'The CPS joins the EEMM, its category shared under the consent (send it after the consent example)',
    value: {
      involvedOn: '2026-10-20',
      involvement: 'joins-eemm',
      serviceCategory: 'mental-health',
      consentId: consentRecordedV1.example.consentId,
    } satisfies z.input<typeof involveSpecialistServiceRequest>,
  },
  withoutCategory: {
    summary: 'A specialist service is consulted, without saying which: no consent needed',
    value: { involvedOn: '2026-10-21', involvement: 'consulted' } satisfies z.input<typeof involveSpecialistServiceRequest>,
  },
};

/**
 * POST /anonymous-involvements: a SerD/NOA user who asked for anonymity (DPR
 * 309/1990 art. 120). Nothing in it names the person or a case: the Ambito
 * whose counts it feeds, the day and the service category.
 */
export const involveAnonymouslyRequest = z.strictObject({
  ambito: ambitoCode.describe('the Ambito whose aggregate counts the involvement feeds'),
  involvedOn: isoDate,
  serviceCategory: z.enum(specialistServiceCategories).describe(categories),
});

export const involveAnonymouslyExamples = {
  serd: {
    summary: 'A SerD takes in an anonymous user',
    value: { ambito: 'LOM-SESTO-SAN-GIOVANNI', involvedOn: '2026-10-20', serviceCategory: 'addictions' } satisfies z.input<typeof involveAnonymouslyRequest>,
  },
};
