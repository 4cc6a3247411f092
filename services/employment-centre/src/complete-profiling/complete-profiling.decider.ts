import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { employmentIdentity, employmentState, requireReferral, type EmploymentCommand, type EmploymentEventType, type EmploymentState } from '../employment/employment.state.js';

/** Record the quantitative profiling of a referred person. */
export type CompleteProfiling = EmploymentCommand<'CompleteProfiling', 'ProfilingCompleted'>;

/**
 * The profiling follows the DID (it is computed from it) and is not dated
 * before it; a person may be profiled again later, never back in time.
 */
export const completeProfilingDecider: Decider<CompleteProfiling, EmploymentState, EmploymentEventType> = {
  ...employmentState,
  decide(command, state) {
    const referred = requireReferral(state, command.caseId, 'a profiling');
    const { profiledOn } = command.data;
    if (referred.didRegisteredOn === undefined) {
      throw new IllegalStateError(`case ${command.caseId} cannot be profiled before the DID is registered (DIDRegistered)`);
    }
    if (profiledOn < referred.didRegisteredOn) {
      throw new IllegalStateError(`profiledOn ${profiledOn} is before the DID of case ${command.caseId} (registered on ${referred.didRegisteredOn})`);
    }
    if (referred.lastProfiledOn !== undefined && profiledOn < referred.lastProfiledOn) {
      throw new IllegalStateError(`profiledOn ${profiledOn} is before the last profiling of case ${command.caseId} (on ${referred.lastProfiledOn})`);
    }
    return [{ type: 'ProfilingCompleted', data: command.data }];
  },
  streamIdentity: (state, command) => employmentIdentity(state, command.caseId),
};
