import { pactSignedV3 } from '@traiettorie/contracts';
import { z } from 'zod';

/** POST /cases/:caseId/pact: the PactSigned data; the pact id is generated when omitted. */
// The contract's own rules (commitments of bound members) are checked again on the event the command decides.
export const signPactRequest = z.strictObject({ ...pactSignedV3.data.shape, pactId: z.uuid().optional() });

const { pactId: _examplePactId, ...pactExample } = pactSignedV3.example;

/** No fixed pact id: the example succeeds when sent as it is, also twice on two cases. */
export const signPactExamples = {
  tirocinio: {
    summary: "A Patto per l'inclusione with a tirocinio (send it after the assessment)",
    value: pactExample satisfies z.input<typeof signPactRequest>,
  },
};
