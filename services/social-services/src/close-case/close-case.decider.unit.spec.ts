import { describe, expect, test } from '@jest/globals';
import { IllegalStateError, NotFoundError, type EventData } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { assessed, caseId, identity, opened, pactSigned } from '../case/case.spec-fixtures.js';
import { closeCaseDecider, type CloseCase } from './close-case.decider.js';

const spec = deciderSpecification(closeCaseDecider);

const closingData: EventData<'CaseClosed'> = { closedOn: '2027-09-30', reason: 'employed' };
const closeCase = (data: EventData<'CaseClosed'> = closingData): CloseCase => ({ type: 'CloseCase', caseId, data });

describe('closing a case', () => {
  test('when the case does not exist › closing it is refused as not found', () => {
    spec.given([]).when(closeCase()).thenThrows(NotFoundError, /does not exist/);
  });

  test('when the case is open › closing it records CaseClosed', () => {
    spec.given([opened()]).when(closeCase()).then([{ type: 'CaseClosed', data: closingData }]);
  });

  test('when the pact is signed › closing it records CaseClosed with the reason given', () => {
    const moved: EventData<'CaseClosed'> = { closedOn: '2027-03-01', reason: 'moved', movedToAmbito: 'LOM-ADDA-MARTESANA' };
    spec.given([opened(), assessed(), pactSigned()]).when(closeCase(moved)).then([{ type: 'CaseClosed', data: moved }]);
  });

  test('when the case is already closed › closing it again is refused, naming when', () => {
    spec.given([opened(), { type: 'CaseClosed', data: closingData }]).when(closeCase()).thenThrows(IllegalStateError, /already closed \(on 2027-09-30\)/);
  });

  test('the closure carries the identity the case was opened with', () => {
    const { state } = spec.given([opened()]).when(closeCase());

    expect(closeCaseDecider.streamIdentity(state(), closeCase())).toEqual({ subject: caseId, ...identity });
  });
});
