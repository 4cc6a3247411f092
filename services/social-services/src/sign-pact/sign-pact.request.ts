import { pactSignedV3 } from '@traiettorie/contracts';
import type { z } from 'zod';
import { withOptionalFields } from '../case/optional-fields.js';
import { commitmentPerBoundMember, everyBoundMemberCommitted } from './sign-pact.decider.js';

/**
 * POST /cases/:caseId/pact: the PactSigned data, with the contract's rules
 * (every commitment a bound member's, serving an objective) and the command's
 * own (every bound member has a commitment); the pact id is generated when omitted.
 */
export const signPactRequest = withOptionalFields(pactSignedV3.data, ['pactId']).refine(everyBoundMemberCommitted, {
  path: [commitmentPerBoundMember.path],
  message: commitmentPerBoundMember.message,
  params: { rule: commitmentPerBoundMember.rule },
  // Checked on an otherwise valid pact: a malformed member is reported as such, not also as uncommitted.
  when: (payload) => payload.issues.length === 0,
});

const { pactId: _examplePactId, ...pactExample } = pactSignedV3.example;

/** No fixed pact id: the example succeeds when sent as it is, also twice on two cases. */
export const signPactExamples = {
  tirocinio: {
    summary: "A Patto per l'inclusione with a tirocinio (send it after the assessment)",
    value: pactExample satisfies z.input<typeof signPactRequest>,
  },
};
