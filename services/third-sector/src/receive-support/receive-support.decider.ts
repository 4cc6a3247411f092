import type { EventData, HubEvent } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { caseSupportsOf } from '../delivery/case-supports.js';
import { deliveryIdentity, deliveryState, idKey, type DeliveryEventType, type DeliveryState } from '../delivery/delivery.state.js';
import { expectServiceDeliveryDecider, type ExpectServiceDelivery } from '../expect-service-delivery/expect-service-delivery.decider.js';

/** Take in a support the social services activated. */
export interface ReceiveSupport {
  type: 'ReceiveSupport';
  support: HubEvent<'SupportActivated'>;
}

/** What the partner expects from a support activated with a third-sector provider; nothing for a public provider. */
export function expectationOf(support: HubEvent<'SupportActivated'>): EventData<'ServiceDeliveryExpected'> | undefined {
  const { supportId, provider, agreementRef, kind, startsOn } = support.data;
  if (provider.kind !== 'third-sector' || agreementRef === undefined) return undefined;
  return { supportEventId: support.id, supportId, providerId: provider.providerId, agreementRef, supportKind: kind, expectedFrom: startsOn };
}

/** The case the support is about, as the social services' event names it. */
const caseOf = (support: HubEvent<'SupportActivated'>): Omit<ExpectServiceDelivery, 'data'> => ({
  type: 'ExpectServiceDelivery',
  caseId: support.subject,
  identity: { ambito: support.ambito, personRef: support.personref, legalBasis: support.legalbasis },
  // The support the expectation answers is the one delivered: it is activated on the case.
  supports: caseSupportsOf([support]),
});

/**
 * The third sector's policy on supports: one activated with a third-sector
 * provider (under its agreement) becomes the partner's expected delivery on
 * the case's delivery record, with the case's identity. A support with a
 * public provider, or a second delivery of the same support, decides nothing.
 */
export const receiveSupportDecider: Decider<ReceiveSupport, DeliveryState, DeliveryEventType> = {
  ...deliveryState,
  decide({ support }, state) {
    const expected = expectationOf(support);
    if (!expected) return [];
    if (state.status === 'recorded' && state.expected[idKey(expected.supportId)]) return [];
    return expectServiceDeliveryDecider.decide({ ...caseOf(support), data: expected }, state);
  },
  streamIdentity: (state, { support }) => deliveryIdentity(state, caseOf(support)),
};
