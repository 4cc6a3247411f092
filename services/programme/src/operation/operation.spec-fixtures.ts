import { expenditureDeclaredV1, operationClosedV1, type EventData } from '@traiettorie/contracts';
import { testEnvelope } from '@traiettorie/testing';
import { newOperationIdentity } from './operation.state.js';

/** One operation's data for the slices' tests; past events take the test envelope's Ambito, as the commands do. */
export const projectCode = expenditureDeclaredV1.example.projectCode;
export const cup = expenditureDeclaredV1.example.cup;
export const ambito = testEnvelope.ambito;
export const identity = newOperationIdentity(projectCode, ambito);

export const declarationData = (declarationId = 'DDR-AV3-2016-LOM-79-04', period: { from: string; to: string; on: string } = { from: '2018-07-01', to: '2018-12-31', on: '2019-01-31' }): EventData<'ExpenditureDeclared'> => ({
  ...expenditureDeclaredV1.example,
  declarationId,
  periodFrom: period.from,
  periodTo: period.to,
  declaredOn: period.on,
});

export const closureData: EventData<'OperationClosed'> = operationClosedV1.example;

export const declared = (declarationId?: string) => ({ type: 'ExpenditureDeclared' as const, data: declarationData(declarationId) });
export const closed = () => ({ type: 'OperationClosed' as const, data: closureData });
