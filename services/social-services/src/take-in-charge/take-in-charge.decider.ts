import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { caseIdentity, caseState, requireOpenCase, type CaseCommand, type CaseEventType, type CaseState } from '../case/case.state.js';

/** Record the presa in carico: the social service takes the household in charge and names its case manager. */
export type TakeInCharge = CaseCommand<'TakeInCharge', 'CaseTakenInCharge'>;

/**
 * A case is taken in charge once, before its preliminary analysis and its
 * assessment; a referred household first attends its first appointment.
 */
export const takeInChargeDecider: Decider<TakeInCharge, CaseState, CaseEventType> = {
  ...caseState,
  decide(command, state) {
    const existing = requireOpenCase(state, command.caseId);
    if (existing.takenInCharge) {
      throw new IllegalStateError(`case ${command.caseId} was already taken in charge on ${existing.takenInCharge.takenInChargeOn}`);
    }
    if (existing.preliminaryAnalysis || existing.status !== 'open') {
      throw new IllegalStateError(`case ${command.caseId} cannot be taken in charge after its preliminary analysis or assessment`);
    }
    if (existing.referral && existing.firstAppointment?.attendance !== 'present') {
      throw new IllegalStateError(`case ${command.caseId} cannot be taken in charge before the household attends its first appointment`);
    }
    const heldOn = existing.firstAppointment?.appointmentOn;
    if (heldOn && command.data.takenInChargeOn < heldOn) {
      throw new IllegalStateError(
        `case ${command.caseId} cannot be taken in charge (takenInChargeOn ${command.data.takenInChargeOn}) before its first appointment of ${heldOn}`,
      );
    }
    return [{ type: 'CaseTakenInCharge', data: command.data }];
  },
  streamIdentity: (state, command) => caseIdentity(state, command.caseId),
};
