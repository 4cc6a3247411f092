import { describe, test } from '@jest/globals';
import { IllegalStateError, NotFoundError, type EventData } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { carePathData, caseId, consentId, consentRecorded, identity, involved, past } from '../health-record/health-record.spec-fixtures.js';
import { changeCarePathStatusDecider, type ChangeCarePathStatus } from './change-care-path-status.decider.js';

const spec = deciderSpecification(changeCarePathStatusDecider);

const change = (data: Partial<EventData<'CarePathStatusChanged'>> = {}): ChangeCarePathStatus => ({
  type: 'ChangeCarePathStatus',
  caseId,
  identity,
  data: { ...carePathData, ...data },
});
const changed = (data: Partial<EventData<'CarePathStatusChanged'>>) => past('CarePathStatusChanged', { ...carePathData, ...data });

describe('changing the care path status', () => {
  test('when a service is involved and the consent covers the care path › the change is recorded', () => {
    spec.given([consentRecorded(), involved()]).when(change()).then([{ type: 'CarePathStatusChanged', data: carePathData }]);
  });

  test('when no specialist service is involved › it is refused', () => {
    spec.given([consentRecorded()]).when(change()).thenThrows(IllegalStateError, /needs a specialist service involved first/);
  });

  test('when the case has no health record › it is refused', () => {
    spec.given([]).when(change()).thenThrows(IllegalStateError, /involved first/);
  });

  test('when the consent it names was never recorded › it is refused', () => {
    spec.given([consentRecorded(), involved()]).when(change({ consentId: '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d' })).thenThrows(NotFoundError, /never recorded/);
  });

  test('when the consent was withdrawn for the care path status › it is refused', () => {
    spec
      .given([consentRecorded(), involved(), past('ConsentWithdrawn', { consentId, withdrawnOn: '2026-11-01', scope: ['care-path-status'] })])
      .when(change())
      .thenThrows(IllegalStateError, /withdrawn for care-path-status/);
  });

  test('when the consent has expired by the day of the change › it is refused', () => {
    spec.given([consentRecorded(), involved()]).when(change({ changedOn: '2028-05-02' })).thenThrows(IllegalStateError, /not on 2028-05-02/);
  });

  test('when the status is the current one › it is refused: nothing changed', () => {
    spec.given([consentRecorded(), involved(), changed({ status: 'active' })]).when(change()).thenThrows(IllegalStateError, /already active/);
  });

  test('when the change is dated before the last one › it is refused', () => {
    spec
      .given([consentRecorded(), involved(), changed({ status: 'taken-in-charge', changedOn: '2026-11-20' })])
      .when(change())
      .thenThrows(IllegalStateError, /last changed on 2026-11-20/);
  });

  test('when the care path was concluded › it can only be taken in charge again', () => {
    const ended = changed({ status: 'concluded', changedOn: '2026-11-09' });
    spec.given([consentRecorded(), involved(), ended]).when(change({ status: 'active', changedOn: '2026-12-01' })).thenThrows(IllegalStateError, /only a new taking in charge/);
    spec
      .given([consentRecorded(), involved(), ended])
      .when(change({ status: 'taken-in-charge', changedOn: '2026-12-01' }))
      .then([{ type: 'CarePathStatusChanged', data: { ...carePathData, status: 'taken-in-charge', changedOn: '2026-12-01' } }]);
  });
});
