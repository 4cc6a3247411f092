import { supportActivatedV2 } from '@traiettorie/contracts';
import type { z } from 'zod';
import { withOptionalFields } from '../case/optional-fields.js';

/** POST /cases/:caseId/supports: the SupportActivated data; the support id is generated when omitted. */
export const activateSupportRequest = withOptionalFields(supportActivatedV2.data, ['supportId']);

const { supportId: _exampleSupportId, ...supportExample } = supportActivatedV2.example;

/** No fixed support id: the example succeeds when sent as it is, once per case whose pact provides educativa domiciliare. */
export const activateSupportExamples = {
  educativa: {
    summary: 'Educativa domiciliare by a social cooperative under a coprogettazione agreement',
    value: supportExample satisfies z.input<typeof activateSupportRequest>,
  },
};
