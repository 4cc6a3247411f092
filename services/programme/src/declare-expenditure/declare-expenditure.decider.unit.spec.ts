import { describe, expect, test } from '@jest/globals';
import { anonymousPersonRefOf, IllegalStateError, type EventData } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { ambito, closed, declarationData, declared, identity, projectCode } from '../operation/operation.spec-fixtures.js';
import { newOperationIdentity, operationIdOf } from '../operation/operation.state.js';
import { declareExpenditureDecider, type DeclareExpenditure } from './declare-expenditure.decider.js';

const spec = deciderSpecification(declareExpenditureDecider);

const declare = (data: EventData<'ExpenditureDeclared'> = declarationData(), onIdentity = identity): DeclareExpenditure => ({
  type: 'DeclareExpenditure',
  projectCode,
  identity: onIdentity,
  data,
});

describe('declaring the expenditure of a funded operation', () => {
  test('when nothing is recorded for the operation › it records ExpenditureDeclared', () => {
    spec.given([]).when(declare()).then([{ type: 'ExpenditureDeclared', data: declarationData() }]);
  });

  test('when it is the operation\'s first record › its stream is the operation (a name-based id of its project code), no person, the office\'s Ambito', () => {
    const { state } = spec.given([]).when(declare());

    expect(declareExpenditureDecider.streamIdentity(state(), declare())).toEqual({
      subject: operationIdOf(projectCode),
      ambito,
      personref: anonymousPersonRefOf(operationIdOf(projectCode)),
      legalbasis: 'Reg-UE-2021-1057',
    });
  });

  test('when expenditure was declared before › a new declaration is recorded', () => {
    const next = declarationData('DDR-AV3-2016-LOM-79-05', { from: '2019-01-01', to: '2019-06-30', on: '2019-07-31' });
    spec.given([declared()]).when(declare(next)).then([{ type: 'ExpenditureDeclared', data: next }]);
  });

  test('when the same declaration id was already declared › it is refused naming it', () => {
    spec.given([declared()]).when(declare()).thenThrows(IllegalStateError, /^declarationId: declaration DDR-AV3-2016-LOM-79-04 of operation AV3-2016-LOM-79 was already declared \(on 2019-01-31\)/);
  });

  test('when the operation is closed › no declaration is recorded after its closure', () => {
    spec.given([declared(), closed()]).when(declare(declarationData('DDR-AV3-2016-LOM-79-09'))).thenThrows(IllegalStateError, /was closed on 2019-12-31: no expenditure declaration after its closure/);
  });

  test('when the data names another operation than the path › it is refused naming the project code', () => {
    spec.given([]).when(declare({ ...declarationData(), projectCode: 'AV3-2016-TOS_03' })).thenThrows(IllegalStateError, /^projectCode: the expenditure declaration names operation AV3-2016-TOS_03, not AV3-2016-LOM-79/);
  });

  test('when the CUP differs from the operation\'s › it is refused naming the CUP', () => {
    spec.given([declared()]).when(declare({ ...declarationData('DDR-2'), cup: 'B11C20000010009' })).thenThrows(IllegalStateError, /^cup: operation AV3-2016-LOM-79 has CUP J41B16000290006, not B11C20000010009/);
  });

  test('when the command names another Ambito than the operation\'s › it is refused naming the Ambito', () => {
    spec
      .given([declared()])
      .when(declare(declarationData('DDR-2'), newOperationIdentity(projectCode, 'LOM-ADDA-MARTESANA')))
      .thenThrows(IllegalStateError, /^ambito: operation AV3-2016-LOM-79 is run for Ambito LOM-SESTO-SAN-GIOVANNI, not LOM-ADDA-MARTESANA/);
  });
});
