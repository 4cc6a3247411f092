import { describe, expect, test } from '@jest/globals';
import { IllegalStateError, NotFoundError, supportActivatedV2, type EventData } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { assessed, caseId, closed, identity, opened, revised, signed, supportActivated } from '../case/case.spec-fixtures.js';
import { activateSupportDecider, type ActivateSupport } from './activate-support.decider.js';

const spec = deciderSpecification(activateSupportDecider);

const data = supportActivatedV2.example;
const activate = (override: Partial<EventData<'SupportActivated'>> = {}): ActivateSupport => ({ type: 'ActivateSupport', caseId, data: { ...data, ...override } as EventData<'SupportActivated'> });

describe('activating a support of the pact', () => {
  test('when the case does not exist › it is refused as not found', () => {
    spec.given([]).when(activate()).thenThrows(NotFoundError, /does not exist/);
  });

  test('when no pact was signed › the support is refused', () => {
    spec.given([opened(), assessed()]).when(activate()).thenThrows(IllegalStateError, /a support of case .* cannot be recorded before the pact is signed/);
  });

  test('when the pact provides it › it records SupportActivated', () => {
    spec
      .given([opened(), assessed(), signed({ supports: ['tirocinio', 'educativa-domiciliare'] })])
      .when(activate())
      .then([{ type: 'SupportActivated', data }]);
  });

  test('the support carries the identity the case was opened with', () => {
    const { state } = spec.given([opened(), assessed(), signed()]).when(activate());

    expect(activateSupportDecider.streamIdentity(state(), activate())).toEqual({ subject: caseId, ...identity });
  });

  test('when the pact does not provide it › it is refused, naming what the pact provides', () => {
    spec
      .given([opened(), assessed(), signed({ supports: ['tirocinio'] })])
      .when(activate())
      .thenThrows(IllegalStateError, /does not provide educativa-domiciliare \(its supports: tirocinio\); revise the pact first/);
  });

  test('when the revised pact adds it › it is recorded', () => {
    spec
      .given([opened(), assessed(), signed({ supports: ['tirocinio'] }), revised({ supports: ['tirocinio', 'mediation'] })])
      .when(activate({ kind: 'cultural-mediation' }))
      .then([{ type: 'SupportActivated', data: { ...data, kind: 'cultural-mediation' } }]);
  });

  test('when a local borsa lavoro is activated › the pact must provide a borsa lavoro', () => {
    spec
      .given([opened(), assessed(), signed({ supports: ['tirocinio'] })])
      .when(activate({ kind: 'local-borsa-lavoro', localCode: 'BL-SSG-01' }))
      .thenThrows(IllegalStateError, /does not provide borsa-lavoro/);
  });

  test('when the same support id was already activated › it is refused', () => {
    spec
      .given([opened(), assessed(), signed(), supportActivated()])
      .when(activate())
      .thenThrows(IllegalStateError, new RegExp(`support ${data.supportId} of case .* is already activated`));
  });

  test('when the case is closed › it is refused', () => {
    spec.given([opened(), assessed(), signed(), closed('2027-01-10')]).when(activate()).thenThrows(IllegalStateError, /was closed on 2027-01-10/);
  });
});
