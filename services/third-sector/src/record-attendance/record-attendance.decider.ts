import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { deliveryIdentity, deliveryState, requireOngoingDelivery, type DeliveryEventType, type DeliveryState, type PartnerCommand } from '../delivery/delivery.state.js';

/** Record the hours scheduled and attended in a delivery over a period. */
export type RecordAttendance = PartnerCommand<'RecordAttendance', 'AttendanceRecorded'>;

/**
 * Attendance is recorded by the delivery's provider (403 `provider-not-yours`
 * for another partner), for a delivery that started and that the person has
 * not left, from its start, for periods that do not overlap those already recorded.
 */
export const recordAttendanceDecider: Decider<RecordAttendance, DeliveryState, DeliveryEventType> = {
  ...deliveryState,
  decide(command, state) {
    const { deliveryId, periodFrom, periodTo } = command.data;
    const delivery = requireOngoingDelivery(state, command);
    deliveryIdentity(state, command);
    if (periodFrom < delivery.startsOn) throw new IllegalStateError(`delivery ${deliveryId} started on ${delivery.startsOn}, after ${periodFrom}`);
    const overlapping = delivery.periods.find((p) => periodFrom <= p.to && p.from <= periodTo);
    if (overlapping) throw new IllegalStateError(`attendance of delivery ${deliveryId} is already recorded from ${overlapping.from} to ${overlapping.to}`);
    return [{ type: 'AttendanceRecorded', data: command.data }];
  },
  streamIdentity: deliveryIdentity,
};
