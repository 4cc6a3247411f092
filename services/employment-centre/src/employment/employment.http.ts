import { caseRecordCommandResponse, commandOnCaseRecord, CommandRoute, type CaseRecordCommandAccepted, type CaseRecordCommandRequest, type CommandHandling, type CommandResource, type CommandRouteOptions } from '@traiettorie/nest-kit';
import type { Decider } from '@traiettorie/command-handling';
import { employmentStream, type EmploymentEventType, type EmploymentState } from './employment.state.js';

/** What every command on a person's CPI stream answers: the case, the stream's version (the ETag) and what was appended. */
export const recordedResponse = caseRecordCommandResponse({
  version: "the version of the person's employment stream after the command; the ETag",
  events: 'the events appended, one per command',
});
export type Recorded = CaseRecordCommandAccepted;

/** A referred person's stream at the CPI, `/referrals/:caseId`: how the commands on it are documented. */
export const referrals: CommandResource = {
  path: 'referrals',
  param: { name: 'caseId', description: 'the case id of the referral (from the social services)' },
  ifMatch: 'the ETag (employment stream version) last seen, e.g. `"2"`; refused with 409 if the stream changed since',
  response: recordedResponse,
  etag: 'the employment stream version after the command, e.g. `"3"`: send it back as If-Match',
};

/** A command route on a referred person's stream, `POST /referrals/:caseId/<path>` (see `CommandRoute`). */
export function ReferralCommandRoute(route: CommandRouteOptions): MethodDecorator {
  return CommandRoute(referrals, route);
}

/** Runs a command on a person's employment stream from a route (see `commandOnCaseRecord`). */
export function commandOnReferral<Command>(
  commands: CommandHandling,
  decider: Decider<Command, EmploymentState, EmploymentEventType>,
  request: Omit<CaseRecordCommandRequest<Command>, 'stream'>,
): Promise<Recorded> {
  return commandOnCaseRecord(commands, decider, { ...request, stream: employmentStream });
}
