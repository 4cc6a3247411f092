import { pactRevisedV2 } from '@traiettorie/contracts';
import type { z } from 'zod';
import { withOptionalFields } from '../case/optional-fields.js';

/** POST /cases/:caseId/pact-revisions: the PactRevised data; `pactId` and `revision` default to the case's pact and its next revision. */
export const revisePactRequest = withOptionalFields(pactRevisedV2.data, ['pactId', 'revision']);

const { pactId: _examplePactId, revision: _exampleRevision, ...revisionExample } = pactRevisedV2.example;

/** No pact id or revision number: the example revises whatever pact the case has, once. */
export const revisePactExamples = {
  periodicCheck: {
    summary: 'The first revision, after a periodic check (send it after the pact)',
    value: revisionExample satisfies z.input<typeof revisePactRequest>,
  },
};
