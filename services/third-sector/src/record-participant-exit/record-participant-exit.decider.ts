import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { deliveryIdentity, deliveryState, requireOngoingDelivery, type DeliveryEventType, type DeliveryState, type PartnerCommand } from '../delivery/delivery.state.js';

/** Record that the person left a delivery, with their situation as ESF+ counts it. */
export type RecordParticipantExit = PartnerCommand<'RecordParticipantExit', 'ParticipantExitRecorded'>;

/**
 * A person leaves a delivery once, on or after its start, as its provider
 * records it (403 `provider-not-yours` for another partner). (Leaving a
 * delivery is not leaving the funded operation.)
 */
export const recordParticipantExitDecider: Decider<RecordParticipantExit, DeliveryState, DeliveryEventType> = {
  ...deliveryState,
  decide(command, state) {
    const { deliveryId, exitedOn } = command.data;
    const delivery = requireOngoingDelivery(state, command);
    deliveryIdentity(state, command);
    if (exitedOn < delivery.startsOn) throw new IllegalStateError(`delivery ${deliveryId} started on ${delivery.startsOn}, after ${exitedOn}`);
    return [{ type: 'ParticipantExitRecorded', data: command.data }];
  },
  streamIdentity: deliveryIdentity,
};
