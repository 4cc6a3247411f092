import { pactSignedV2 } from '@traiettorie/contracts';
import { z } from 'zod';

/** POST /cases/:caseId/pact: the PactSigned data; the pact id is generated when omitted. */
export const signPactRequest = pactSignedV2.data.extend({ pactId: z.uuid().optional() });

const { pactId: _examplePactId, ...pactExample } = pactSignedV2.example;

/** No fixed pact id: the example succeeds when sent as it is, also twice on two cases. */
export const signPactExamples = {
  tirocinio: {
    summary: "A Patto per l'inclusione with a tirocinio (send it after the assessment)",
    value: pactExample satisfies z.input<typeof signPactRequest>,
  },
};
