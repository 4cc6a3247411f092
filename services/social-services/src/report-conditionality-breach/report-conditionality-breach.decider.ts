import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { caseIdentity, caseState, requireOpenCase, type CaseCommand, type CaseEventType, type CaseState } from '../case/case.state.js';

/** Record a breach of the measure's conditions by a household member, reported to INPS. */
export type ReportConditionalityBreach = CaseCommand<'ReportConditionalityBreach', 'ConditionalityBreachReported'>;

/**
 * A breach needs what it is about: a missed first appointment the referral
 * that set it (and no attended appointment), an unmet commitment the pact, a
 * PUC not attended the member's assignment to a PUC. The same breach (member,
 * kind, day) is reported once. Messages never name the kind or the member:
 * both are personal data.
 */
export const reportConditionalityBreachDecider: Decider<ReportConditionalityBreach, CaseState, CaseEventType> = {
  ...caseState,
  decide(command, state) {
    const existing = requireOpenCase(state, command.caseId);
    const { memberRef, breach, breachOn } = command.data;
    const refused = (rule: string) => new IllegalStateError(`the breach reported on case ${command.caseId} is refused: ${rule}`);
    switch (breach) {
      case 'first-appointment-missed':
        if (!existing.referral) throw refused('a missed first appointment needs the referral that set it');
        if (existing.firstAppointment?.attendance === 'present') throw refused('the household attended its first appointment');
        break;
      case 'pact-commitment-not-met':
        if (!existing.pact) throw refused('an unmet commitment needs a signed pact');
        break;
      case 'puc-not-attended':
        if (!existing.pucs.some((p) => p.memberRef === memberRef && p.startsOn <= breachOn)) {
          throw refused('a PUC not attended needs the member assigned to a PUC started by breachOn');
        }
        break;
      case 'puc-refused':
      case 'periodic-check-missed':
        break;
      default: {
        const unknown: never = breach;
        throw refused(`unknown breach ${String(unknown)}`);
      }
    }
    if (existing.breaches.some((b) => b.memberRef === memberRef && b.breach === breach && b.breachOn === breachOn)) {
      throw new IllegalStateError(`this breach of ${breachOn} is already reported for that member on case ${command.caseId}`);
    }
    return [{ type: 'ConditionalityBreachReported', data: command.data }];
  },
  streamIdentity: (state, command) => caseIdentity(state, command.caseId),
};
