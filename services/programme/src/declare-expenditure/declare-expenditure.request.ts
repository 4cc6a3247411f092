import { expenditureDeclaredV1 } from '@traiettorie/contracts';
import type { z } from 'zod';
import { exampleAmbito, operationRequestFields } from '../operation/operation.request.js';

/** POST /operations/:projectCode/expenditure: the ExpenditureDeclared data plus the operation's Ambito. */
export const declareExpenditureRequest = expenditureDeclaredV1.data.safeExtend(operationRequestFields);

/** Each example succeeds when sent as it is, once per operation (its declaration id is then taken). */
export const declareExpenditureExamples = {
  semester: {
    summary: 'The second semester of 2018 of the PON Inclusione operation AV3-2016-LOM-79',
    value: { ambito: exampleAmbito, ...expenditureDeclaredV1.example } satisfies z.input<typeof declareExpenditureRequest>,
  },
};
