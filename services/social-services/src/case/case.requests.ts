import { ambitoCode, assessmentCompletedV2, caseOpenedV1, pactSignedV2, personRef } from '@traiettorie/contracts';
import { z } from 'zod';

/** POST /cases: the CaseOpened data plus who the case is for. */
export const openCaseRequest = caseOpenedV1.data.extend({
  caseId: z.uuid().optional(),
  ambito: ambitoCode,
  personRef,
  legalBasis: z.string().min(1).max(120).default('DL-48-2023'),
});

/** POST /cases/:caseId/assessment: exactly the AssessmentCompleted data. */
export const completeAssessmentRequest = assessmentCompletedV2.data;

/** POST /cases/:caseId/pact: the PactSigned data; the pact id is generated when omitted. */
export const signPactRequest = pactSignedV2.data.extend({ pactId: z.uuid().optional() });

export const caseIdParam = z.uuid();
export const ifMatchHeader = z
  .string()
  .regex(/^(W\/)?"?\d+"?$/, 'an ETag such as "3" from an earlier response')
  .transform((v) => Number(v.replace(/\D/g, '')))
  .optional();
