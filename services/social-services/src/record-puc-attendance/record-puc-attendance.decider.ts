import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { assignmentCovering, caseIdentity, caseState, requireOpenCase, type CaseCommand, type CaseEventType, type CaseState } from '../case/case.state.js';

/** Record a member's attendance at a PUC over a period, as the host reports it. */
export type RecordPucAttendance = CaseCommand<'RecordPucAttendance', 'PUCAttendanceRecorded'>;

/** Attendance is recorded only for a PUC the member was assigned to, within the assignment's dates, once per period. */
export const recordPucAttendanceDecider: Decider<RecordPucAttendance, CaseState, CaseEventType> = {
  ...caseState,
  decide(command, state) {
    const existing = requireOpenCase(state, command.caseId);
    const { pucProjectCode, memberRef, periodFrom, periodTo } = command.data;
    const assignments = existing.pucs.filter((p) => p.pucProjectCode === pucProjectCode && p.memberRef === memberRef);
    if (assignments.length === 0) {
      throw new IllegalStateError(`attendance at PUC ${pucProjectCode} of case ${command.caseId} is refused: the member was never assigned to it`);
    }
    const assignment = assignmentCovering(existing, pucProjectCode, memberRef, periodFrom, periodTo);
    if (!assignment) {
      const dates = assignments.map((p) => `${p.startsOn} to ${p.endsOn}`).join(', ');
      throw new IllegalStateError(
        `attendance at PUC ${pucProjectCode} of case ${command.caseId} from ${periodFrom} to ${periodTo} falls outside the member's assignment (${dates})`,
      );
    }
    const recorded = assignment.attendance.find((a) => a.periodFrom <= periodTo && periodFrom <= a.periodTo);
    if (recorded) {
      throw new IllegalStateError(
        `attendance at PUC ${pucProjectCode} of case ${command.caseId} is already recorded for ${recorded.periodFrom} to ${recorded.periodTo}, which overlaps ${periodFrom} to ${periodTo}`,
      );
    }
    return [{ type: 'PUCAttendanceRecorded', data: command.data }];
  },
  streamIdentity: (state, command) => caseIdentity(state, command.caseId),
};
