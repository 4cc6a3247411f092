import { accessRules } from '@traiettorie/access';
import { caseStreamOf, ForbiddenError, IllegalStateError, NotFoundError, type EventData, type HubEvent } from '@traiettorie/contracts';
import { idKey } from './delivery.state.js';

/** A support the social services activated on the case, as far as who delivers it goes. */
export interface ActivatedSupport {
  provider: EventData<'SupportActivated'>['provider'];
  agreementRef?: string;
}

/** The supports activated on a case, by support id (its {@link idKey}). */
export type CaseSupports = Readonly<Record<string, ActivatedSupport>>;

/** The social services' stream of a case, where its supports are activated: `case-<caseId>`. */
export const caseStream = (caseId: string) => caseStreamOf('social-services', caseId);

/** The supports a case's history activated (any other event of it decides nothing here); the latest activation of a support holds. */
export function caseSupportsOf(history: readonly HubEvent[]): CaseSupports {
  const supports: Record<string, ActivatedSupport> = {};
  for (const event of history) {
    if (event.type !== 'SupportActivated') continue;
    const { supportId, provider, agreementRef } = (event as HubEvent<'SupportActivated'>).data;
    supports[idKey(supportId)] = { provider, ...(agreementRef === undefined ? {} : { agreementRef }) };
  }
  return supports;
}

/**
 * An expectation, or a start naming a support not yet expected, answers a
 * support the social services activated on the case with a third-sector
 * provider: the one it names, under the agreement the support names. NotFoundError when the case has no such
 * support; ForbiddenError `provider-not-yours` when it is another provider's
 * (never named back); IllegalStateError under another agreement.
 */
export function requireActivatedSupport(supports: CaseSupports, caseId: string, expected: Pick<EventData<'ServiceDeliveryExpected'>, 'supportId' | 'providerId' | 'agreementRef'>): void {
  const { supportId, providerId, agreementRef } = expected;
  const support = supports[idKey(supportId)];
  if (!support) throw new NotFoundError(`support ${supportId} was never activated on case ${caseId}`);
  if (support.provider.kind !== 'third-sector' || support.provider.providerId !== providerId) {
    throw new ForbiddenError(`support ${supportId} of case ${caseId} was activated with another provider than ${providerId}`, accessRules.providerNotYours);
  }
  if (support.agreementRef !== undefined && support.agreementRef !== agreementRef) {
    throw new IllegalStateError(`agreementRef: support ${supportId} of case ${caseId} was activated under another agreement`);
  }
}
