import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { caseIdentity, caseState, requireOpenCase, type CaseCommand, type CaseEventType, type CaseState } from '../case/case.state.js';

/** Record the household's first appointment: attended, or missed with or without justification. */
export type RecordFirstAppointment = CaseCommand<'RecordFirstAppointment', 'FirstAppointmentHeld'>;

/**
 * The first appointment follows the referral that set its deadline, never
 * before the day it was received. After an absence the next appointment is
 * recorded again, later than the missed one; once attended, it is held.
 */
export const recordFirstAppointmentDecider: Decider<RecordFirstAppointment, CaseState, CaseEventType> = {
  ...caseState,
  decide(command, state) {
    const existing = requireOpenCase(state, command.caseId);
    const { appointmentOn } = command.data;
    if (!existing.referral) {
      throw new IllegalStateError(`the first appointment of case ${command.caseId} cannot be recorded before the referral is received`);
    }
    if (appointmentOn < existing.referral.receivedOn) {
      throw new IllegalStateError(
        `the first appointment of case ${command.caseId} (appointmentOn ${appointmentOn}) cannot be before the referral was received (${existing.referral.receivedOn})`,
      );
    }
    const previous = existing.firstAppointment;
    if (previous?.attendance === 'present') {
      throw new IllegalStateError(`the first appointment of case ${command.caseId} was already held on ${previous.appointmentOn}`);
    }
    if (previous && appointmentOn <= previous.appointmentOn) {
      throw new IllegalStateError(
        `the first appointment of case ${command.caseId} (appointmentOn ${appointmentOn}) must come after the missed one of ${previous.appointmentOn}`,
      );
    }
    return [{ type: 'FirstAppointmentHeld', data: command.data }];
  },
  streamIdentity: (state, command) => caseIdentity(state, command.caseId),
};
