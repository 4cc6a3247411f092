import { describe, test } from '@jest/globals';
import { ForbiddenError, IllegalStateError, NotFoundError, type EventData } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { anotherPartner, attendanceData, attended, caseId, exited, expected, provider, started } from '../delivery/delivery.spec-fixtures.js';
import { recordAttendanceDecider, type RecordAttendance } from './record-attendance.decider.js';

const spec = deciderSpecification(recordAttendanceDecider);

const attend = (data: Partial<EventData<'AttendanceRecorded'>> = {}, recordedBy = provider): RecordAttendance => ({
  type: 'RecordAttendance',
  caseId,
  data: { ...attendanceData, ...data },
  recordedBy,
});
const january = { periodFrom: '2027-01-01', periodTo: '2027-01-31' };

describe('recording attendance', () => {
  test('when the delivery started › the hours of the period are recorded', () => {
    spec.given([expected(), started()]).when(attend()).then([{ type: 'AttendanceRecorded', data: attendanceData }]);
  });

  test('when the next period follows the last one › it is recorded', () => {
    spec.given([started(), attended()]).when(attend(january)).then([{ type: 'AttendanceRecorded', data: { ...attendanceData, ...january } }]);
  });

  test('when another partner records attendance on the delivery › it is refused, provider-not-yours', () => {
    spec.given([started()]).when(attend({}, anotherPartner)).thenThrows(ForbiddenError, /delivery 6e8a0c2e-4f6b-4d8f-a1c3-5e7a9c1e3f5b is recorded only by its provider/);
  });

  test('when another partner records attendance on a delivery the person left › it is refused, provider-not-yours, not told of the exit', () => {
    spec.given([started(), exited()]).when(attend(january, anotherPartner)).thenThrows(ForbiddenError, /recorded only by its provider/);
  });

  test('when another partner records attendance on the delivery named in capitals › it is refused, provider-not-yours, as on the delivery itself', () => {
    spec.given([started()]).when(attend({ deliveryId: attendanceData.deliveryId.toUpperCase() }, anotherPartner)).thenThrows(ForbiddenError, /recorded only by its provider/);
  });

  test('when the delivery was never started › it is refused', () => {
    spec.given([]).when(attend()).thenThrows(NotFoundError, /delivery 6e8a0c2e-4f6b-4d8f-a1c3-5e7a9c1e3f5b was never started/);
  });

  test('when only the support is expected, the delivery not started › it is refused', () => {
    spec.given([expected()]).when(attend()).thenThrows(NotFoundError, /never started/);
  });

  test('when the person already left the delivery › it is refused', () => {
    spec.given([started(), exited()]).when(attend(january)).thenThrows(IllegalStateError, /left delivery 6e8a0c2e-4f6b-4d8f-a1c3-5e7a9c1e3f5b on 2027-06-30/);
  });

  test('when the period overlaps one already recorded › it is refused', () => {
    spec
      .given([started(), attended()])
      .when(attend({ periodFrom: '2026-12-31', periodTo: '2027-01-15' }))
      .thenThrows(IllegalStateError, /already recorded from 2026-12-01 to 2026-12-31/);
  });

  test('when the same period is recorded again › it is refused', () => {
    spec.given([started(), attended()]).when(attend()).thenThrows(IllegalStateError, /already recorded/);
  });

  test('when the period begins before the delivery started › it is refused', () => {
    spec.given([started()]).when(attend({ periodFrom: '2026-11-01', periodTo: '2026-11-30' })).thenThrows(IllegalStateError, /started on 2026-11-16, after 2026-11-01/);
  });
});
