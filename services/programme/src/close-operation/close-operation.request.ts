import { operationClosedV1 } from '@traiettorie/contracts';
import type { z } from 'zod';
import { exampleAmbito, operationRequestFields } from '../operation/operation.request.js';

/** POST /operations/:projectCode/closure: the OperationClosed data plus the operation's Ambito. */
export const closeOperationRequest = operationClosedV1.data.safeExtend(operationRequestFields);

/** Each example succeeds when sent as it is, once per operation. */
export const closeOperationExamples = {
  completed: {
    summary: 'The PON Inclusione operation AV3-2016-LOM-79 closed, completed',
    value: { ambito: exampleAmbito, ...operationClosedV1.example } satisfies z.input<typeof closeOperationRequest>,
  },
};
