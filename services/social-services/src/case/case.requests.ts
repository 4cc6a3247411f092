import { ambitoCode, assessmentCompletedV2, caseOpenedV1, cloudEventAttributes, pactSignedV2, personRef } from '@traiettorie/contracts';
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

/** What a command answers: the case, its stream version (also the ETag) and the events it appended. */
export const commandAcceptedResponse = z.strictObject({
  caseId: z.uuid(),
  version: z.int().min(1).describe("the case stream's version after the command; the ETag"),
  events: z
    .array(z.strictObject({ id: z.uuid().describe('await it on the read model with `GET /cases/{caseId}?waitFor=<id>`'), type: z.string() }))
    .describe('the events appended, usually one'),
});
export type CommandAccepted = z.output<typeof commandAcceptedResponse>;

/** A case's history as CloudEvents; `data` is each event type's own (see the AsyncAPI catalogue). */
export const caseHistoryResponse = z.array(
  z.object({ ...cloudEventAttributes.shape, personref: z.string().describe('pseudonymous person reference'), data: z.record(z.string(), z.unknown()) }),
);

const { pactId: _examplePactId, ...pactExample } = pactSignedV2.example;

/**
 * The examples offered by the OpenAPI page. Each succeeds when sent as it is
 * (the e2e tests send every one): no fixed case or pact id, so sending an
 * example twice opens two cases rather than failing the second time.
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

export const completeAssessmentExamples = {
  referredToEmployment: {
    summary: 'Multidimensional assessment referring the person to the employment centre',
    value: assessmentCompletedV2.example satisfies z.input<typeof completeAssessmentRequest>,
  },
};

export const signPactExamples = {
  tirocinio: {
    summary: "A Patto per l'inclusione with a tirocinio (send it after the assessment)",
    value: pactExample satisfies z.input<typeof signPactRequest>,
  },
};
