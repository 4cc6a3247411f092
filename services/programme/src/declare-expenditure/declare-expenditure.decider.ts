import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { operationIdentity, operationState, requireOpenOperation, type OperationCommand, type OperationEventType, type OperationState } from '../operation/operation.state.js';

/** Declare the expenditure of a funded operation for a period, by cost category and funding source. */
export type DeclareExpenditure = OperationCommand<'DeclareExpenditure', 'ExpenditureDeclared'>;

/**
 * Expenditure is declared for the operation of the stream, under its CUP,
 * while it is not closed, once per declaration id.
 */
export const declareExpenditureDecider: Decider<DeclareExpenditure, OperationState, OperationEventType> = {
  ...operationState,
  decide(command, state) {
    requireOpenOperation(state, command, 'expenditure declaration');
    const { declarationId } = command.data;
    const earlier = state.status === 'none' ? undefined : state.declarations.find((d) => d.declarationId === declarationId);
    if (earlier) throw new IllegalStateError(`declarationId: declaration ${declarationId} of operation ${command.projectCode} was already declared (on ${earlier.declaredOn})`);
    return [{ type: 'ExpenditureDeclared', data: command.data }];
  },
  streamIdentity: operationIdentity,
};
