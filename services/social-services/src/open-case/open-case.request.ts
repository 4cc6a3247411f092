import { ambitoCode, caseOpenedV1, personRef } from '@traiettorie/contracts';
import { z } from 'zod';

/** POST /cases: the CaseOpened data plus who the case is for. */
export const openCaseRequest = caseOpenedV1.data.extend({
  caseId: z.uuid().optional(),
  ambito: ambitoCode,
  personRef,
  legalBasis: z.string().min(1).max(120).default('DL-48-2023'),
});

/**
 * The examples offered by the OpenAPI page. Each succeeds when sent as it is
 * (the e2e tests send every one): no fixed case id, so sending an example
 * twice opens two cases rather than failing the second time.
 */
export const openCaseExamples = {
  adi: {
    summary: 'An ADI household referred by the Comune',
    value: {
      ambito: 'LOM-SESTO-SAN-GIOVANNI',
      personRef: 'P-SSG-7f3a91',
      ...caseOpenedV1.example,
    } satisfies z.input<typeof openCaseRequest>,
  },
};
