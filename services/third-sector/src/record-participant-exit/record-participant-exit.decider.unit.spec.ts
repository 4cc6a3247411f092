import { describe, test } from '@jest/globals';
import { ForbiddenError, IllegalStateError, NotFoundError, type EventData } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { anotherPartner, attended, caseId, exitData, exited, provider, started } from '../delivery/delivery.spec-fixtures.js';
import { recordParticipantExitDecider, type RecordParticipantExit } from './record-participant-exit.decider.js';

const spec = deciderSpecification(recordParticipantExitDecider);

const exit = (data: Partial<EventData<'ParticipantExitRecorded'>> = {}, recordedBy = provider): RecordParticipantExit => ({
  type: 'RecordParticipantExit',
  caseId,
  data: { ...exitData, ...data },
  recordedBy,
});

describe('recording that the person left a delivery', () => {
  test('when the delivery started › the exit is recorded with the situation at exit', () => {
    spec.given([started(), attended()]).when(exit()).then([{ type: 'ParticipantExitRecorded', data: exitData }]);
  });

  test('when another partner records the exit from the delivery › it is refused, provider-not-yours', () => {
    spec.given([started(), attended()]).when(exit({}, anotherPartner)).thenThrows(ForbiddenError, /delivery 6e8a0c2e-4f6b-4d8f-a1c3-5e7a9c1e3f5b is recorded only by its provider/);
  });

  test('when the delivery was never started › it is refused', () => {
    spec.given([]).when(exit()).thenThrows(NotFoundError, /never started/);
  });

  test('when the exit is already recorded › a second one is refused', () => {
    spec.given([started(), exited()]).when(exit({ exitedOn: '2027-07-01', situationAssessedOn: '2027-07-02' })).thenThrows(IllegalStateError, /left delivery .* on 2027-06-30/);
  });

  test('when the exit is dated before the delivery started › it is refused', () => {
    spec.given([started()]).when(exit({ exitedOn: '2026-11-10', situationAssessedOn: '2026-11-12' })).thenThrows(IllegalStateError, /started on 2026-11-16, after 2026-11-10/);
  });

  test('when another delivery of the case ended › this one’s exit is still recorded', () => {
    const other = '7f9b1d3f-5a7c-4e9a-b2d4-6f8a0b2c4d6e';

    spec
      .given([started(), started({ deliveryId: other, supportId: undefined }), exitOf(other)])
      .when(exit())
      .then([{ type: 'ParticipantExitRecorded', data: exitData }]);
  });
});

function exitOf(deliveryId: string) {
  return { type: 'ParticipantExitRecorded' as const, data: { ...exitData, deliveryId } };
}
