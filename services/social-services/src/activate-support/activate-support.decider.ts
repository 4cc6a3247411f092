import { IllegalStateError, type EventData } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { caseIdentity, caseState, requirePact, type CaseCommand, type CaseEventType, type CaseState } from '../case/case.state.js';

/** Record a support of the pact activated with its provider. */
export type ActivateSupport = CaseCommand<'ActivateSupport', 'SupportActivated'>;

/** The pact's support (`PactSigned.supports`) that each kind of activated support delivers. */
export const pactSupportOf: Record<EventData<'SupportActivated'>['kind'], string> = {
  'educativa-domiciliare': 'educativa-domiciliare',
  'family-mediation': 'mediation',
  'cultural-mediation': 'mediation',
  'parenting-support': 'parenting-support',
  'local-borsa-lavoro': 'borsa-lavoro',
};

/**
 * A support is activated once the pact is signed, only if the pact (as last
 * revised) provides it, and once per support id.
 */
export const activateSupportDecider: Decider<ActivateSupport, CaseState, CaseEventType> = {
  ...caseState,
  decide(command, state) {
    const { existing, pact } = requirePact(state, command.caseId, 'a support');
    const { supportId, kind } = command.data;
    if (existing.supports[supportId]) {
      throw new IllegalStateError(`support ${supportId} of case ${command.caseId} is already activated`);
    }
    const provided = pactSupportOf[kind];
    if (!pact.supports.includes(provided)) {
      throw new IllegalStateError(
        `the pact of case ${command.caseId} does not provide ${provided} (its supports: ${pact.supports.join(', ') || 'none'}); revise the pact first`,
      );
    }
    return [{ type: 'SupportActivated', data: command.data }];
  },
  streamIdentity: (state, command) => caseIdentity(state, command.caseId),
};
