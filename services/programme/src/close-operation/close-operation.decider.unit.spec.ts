import { describe, expect, test } from '@jest/globals';
import { IllegalStateError, type EventData } from '@traiettorie/contracts';
import { deciderSpecification, testEnvelope } from '@traiettorie/testing';
import { closed, closureData, cup, declared, identity, projectCode } from '../operation/operation.spec-fixtures.js';
import { closeOperationDecider, type CloseOperation } from './close-operation.decider.js';

const spec = deciderSpecification(closeOperationDecider);

const close = (data: EventData<'OperationClosed'> = closureData): CloseOperation => ({ type: 'CloseOperation', projectCode, identity, data });

describe('closing a funded operation', () => {
  test('when expenditure was declared › it records OperationClosed', () => {
    spec.given([declared()]).when(close()).then([{ type: 'OperationClosed', data: closureData }]);
  });

  test('when nothing was recorded for the operation › it may be closed (a revoked operation)', () => {
    const revoked: EventData<'OperationClosed'> = { ...closureData, outcome: 'revoked', participantsReached: 0, eligibleCostCents: 0 };
    spec.given([]).when(close(revoked)).then([{ type: 'OperationClosed', data: revoked }]);
  });

  test('when the operation is already closed › closing it again is refused, naming when', () => {
    spec.given([declared(), closed()]).when(close()).thenThrows(IllegalStateError, /operation AV3-2016-LOM-79 is already closed \(on 2019-12-31\)/);
  });

  test('when it would close before the end of a declared period › it is refused naming the field', () => {
    spec.given([declared()]).when(close({ ...closureData, closedOn: '2018-12-30' })).thenThrows(IllegalStateError, /^closedOn: operation AV3-2016-LOM-79 declared expenditure up to 2018-12-31; it cannot close before, on 2018-12-30/);
  });

  test('when the CUP differs from the operation\'s › it is refused naming the CUP', () => {
    spec.given([declared()]).when(close({ ...closureData, cup: 'B11C20000010009' })).thenThrows(IllegalStateError, new RegExp(`^cup: operation ${projectCode} has CUP ${cup}`));
  });

  test('the closure carries the identity the operation was first recorded with', () => {
    const { state } = spec.given([declared()]).when(close());

    expect(closeOperationDecider.streamIdentity(state(), { ...close(), identity: { ...identity, legalbasis: 'other' } })).toEqual({
      subject: testEnvelope.subject,
      ambito: testEnvelope.ambito,
      personref: testEnvelope.personref,
      legalbasis: testEnvelope.legalbasis,
    });
  });
});
