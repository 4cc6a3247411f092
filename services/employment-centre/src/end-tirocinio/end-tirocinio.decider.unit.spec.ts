import { describe, test } from '@jest/globals';
import { IllegalStateError, NotFoundError } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { caseId, didRegistered, referred, servicePactSigned, tirocinioEnd, tirocinioEnded, tirocinioStarted } from '../employment/employment.spec-fixtures.js';
import { endTirocinioDecider, type EndTirocinio } from './end-tirocinio.decider.js';

const spec = deciderSpecification(endTirocinioDecider);
const end = (data = tirocinioEnd): EndTirocinio => ({ type: 'EndTirocinio', caseId, data });
const running = () => [referred(), didRegistered, servicePactSigned, tirocinioStarted];

describe('ending a tirocinio', () => {
  test('when the person was never referred › it is refused as not found', () => {
    spec.given([]).when(end()).thenThrows(NotFoundError, /the end of a tirocinio cannot be recorded before the referral/);
  });

  test('when the tirocinio never started › it is refused', () => {
    spec.given([referred(), didRegistered, servicePactSigned]).when(end()).thenThrows(IllegalStateError, /tirocinio 4f6a8c0e-.* was never started/);
  });

  test('when the tirocinio is running › it records TirocinioEnded', () => {
    spec.given(running()).when(end()).then([{ type: 'TirocinioEnded', data: tirocinioEnd }]);
  });

  test('when it ends before it started › it is refused, naming both days', () => {
    spec
      .given(running())
      .when(end({ ...tirocinioEnd, endedOn: '2027-02-28', outcome: 'interrupted', interruption: 'participant-withdrew', hoursAttended: 0 }))
      .thenThrows(IllegalStateError, /endedOn 2027-02-28 is before tirocinio .* started \(on 2027-03-01\)/);
  });

  test('when it already ended › a second end is refused, naming when it ended', () => {
    spec.given([...running(), tirocinioEnded]).when(end()).thenThrows(IllegalStateError, /has already ended \(on 2027-08-31\)/);
  });

  test('when it is interrupted on its first day › the interruption is recorded', () => {
    const interrupted = { tirocinioId: tirocinioEnd.tirocinioId, endedOn: '2027-03-01', outcome: 'interrupted', interruption: 'host-withdrew', hoursAttended: 0 } as const;

    spec.given(running()).when(end(interrupted)).then([{ type: 'TirocinioEnded', data: interrupted }]);
  });
});
