import { describe, test } from '@jest/globals';
import { IllegalStateError, NotFoundError } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { caseId, didRegistered, referred, servicePactSigned, tirocinioData, tirocinioEnded, tirocinioStarted } from '../employment/employment.spec-fixtures.js';
import { startTirocinioDecider, type StartTirocinio } from './start-tirocinio.decider.js';

const spec = deciderSpecification(startTirocinioDecider);
const start = (data = tirocinioData): StartTirocinio => ({ type: 'StartTirocinio', caseId, data });
const withPsp = () => [referred(), didRegistered, servicePactSigned];
const another = { ...tirocinioData, tirocinioId: '5a7b9c1d-3e5f-4a7b-8c9d-0e1f2a3b4c5d', startsOn: '2027-09-01', plannedEndOn: '2028-02-29' };

describe('starting a tirocinio', () => {
  test('when the person was never referred › it is refused as not found', () => {
    spec.given([]).when(start()).thenThrows(NotFoundError, /a tirocinio cannot be recorded before the referral/);
  });

  test('when there is no PSP › it is refused', () => {
    spec.given([referred(), didRegistered]).when(start()).thenThrows(IllegalStateError, /a tirocinio of case .* needs the Patto di servizio personalizzato \(ServicePactSigned\) first/);
  });

  test('after the PSP › it records TirocinioStarted', () => {
    spec.given(withPsp()).when(start()).then([{ type: 'TirocinioStarted', data: tirocinioData }]);
  });

  test('when it starts before the PSP was signed › it is refused', () => {
    spec
      .given(withPsp())
      .when(start({ ...tirocinioData, startsOn: '2026-11-01' }))
      .thenThrows(IllegalStateError, /startsOn 2026-11-01 is before the PSP .*signed on 2026-11-05/);
  });

  test('when the same tirocinio already started › it is refused', () => {
    spec.given([...withPsp(), tirocinioStarted]).when(start()).thenThrows(IllegalStateError, /tirocinio 4f6a8c0e-2b4d-4f6a-9c1e-3d5f7a9b1c2e of case .* has already started/);
  });

  test('when another tirocinio is running › a second one is refused until it ends', () => {
    spec.given([...withPsp(), tirocinioStarted]).when(start(another)).thenThrows(IllegalStateError, /already in tirocinio 4f6a8c0e-.* \(since 2027-03-01\); end it first/);
  });

  test('when the earlier tirocinio has ended › another one may start', () => {
    spec.given([...withPsp(), tirocinioStarted, tirocinioEnded]).when(start(another)).then([{ type: 'TirocinioStarted', data: another }]);
  });
});
