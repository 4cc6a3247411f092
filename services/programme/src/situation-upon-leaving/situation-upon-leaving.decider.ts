import { addDays, IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import {
  participationIdentity,
  participationState,
  requireAboutTheExit,
  type ParticipationCommand,
  type ParticipationEventType,
  type ParticipationState,
} from '../participation/participation.state.js';

/** Days after leaving within which the situation upon leaving is assessed (ESF+ immediate results: four weeks). */
export const SITUATION_WINDOW_DAYS = 28;

/** Record the person's situation upon leaving (ESF+ EECR01-04), as assessed on a day. */
export type RecordSituationUponLeaving = ParticipationCommand<'RecordSituationUponLeaving', 'SituationUponLeaving'>;

/**
 * The situation upon leaving is recorded after the exit, about that exit,
 * assessed within the four weeks after it; it may be recorded again within
 * the window (the last one assessed is what ESF+ counts), never outside it.
 */
export const situationUponLeavingDecider: Decider<RecordSituationUponLeaving, ParticipationState, ParticipationEventType> = {
  ...participationState,
  decide(command, state) {
    const { leftOn, assessedOn } = command.data;
    requireAboutTheExit(state, command, 'the situation upon leaving', { field: 'leftOn', on: leftOn });
    const windowEnd = addDays(leftOn, SITUATION_WINDOW_DAYS);
    if (assessedOn < leftOn || assessedOn > windowEnd) {
      throw new IllegalStateError(`assessedOn: the situation upon leaving is assessed within the four weeks after leaving (${leftOn} to ${windowEnd}), not on ${assessedOn}`);
    }
    return [{ type: 'SituationUponLeaving', data: command.data }];
  },
  streamIdentity: (state, command) => participationIdentity(state, command.caseId),
};
