import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { operationIdentity, operationState, requireOpenOperation, type OperationCommand, type OperationEventType, type OperationState } from '../operation/operation.state.js';

/** Close a funded operation: outcome, participants reached, approved and eligible cost. */
export type CloseOperation = OperationCommand<'CloseOperation', 'OperationClosed'>;

/**
 * An operation is closed once, under its CUP, not before the end of a period
 * it declared expenditure for.
 */
export const closeOperationDecider: Decider<CloseOperation, OperationState, OperationEventType> = {
  ...operationState,
  decide(command, state) {
    if (state.status !== 'none' && state.closure) {
      throw new IllegalStateError(`operation ${command.projectCode} is already closed (on ${state.closure.closedOn})`);
    }
    requireOpenOperation(state, command, 'closure');
    const lastPeriodEnd = state.status === 'none' ? undefined : state.declarations.map((d) => d.periodTo).sort().at(-1);
    if (lastPeriodEnd !== undefined && command.data.closedOn < lastPeriodEnd) {
      throw new IllegalStateError(`closedOn: operation ${command.projectCode} declared expenditure up to ${lastPeriodEnd}; it cannot close before, on ${command.data.closedOn}`);
    }
    return [{ type: 'OperationClosed', data: command.data }];
  },
  streamIdentity: operationIdentity,
};
