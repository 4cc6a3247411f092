import type { Caller } from '@traiettorie/access';
import type { DomainEvent, StreamIdentity } from '@traiettorie/command-handling';

/** What a read returned (the contract's `accessOutcomes`). */
export type AccessOutcome = 'disclosed' | 'redacted' | 'refused';

/** The case a read touched, as the reading service knows it from the case's events. */
export interface AccessedCase {
  /** The case id: the event's `subject`. */
  id: string;
  ambito: string;
  /** The person whose data was read: the event's `personref`, so forgetting them erases the log's personal fields. */
  personRef: string;
  /**
   * The social services holding the case, as the CloudEvents `source` of its
   * events on `case-<id>` (e.g. `/agencies/social-services/ambito-sesto-san-giovanni`):
   * the hub keeps the access log on their behalf, whoever read.
   */
  custodian: string;
}

/** One read of a person's data, as a service reports it to the access log. */
export interface AccessEntry {
  caller: Caller;
  case: AccessedCase;
  /** The route template, e.g. `GET /cases/{caseId}/events`. */
  route: string;
  /** Classified fields returned, as `<EventType or read model>:<JSONPath>`. */
  disclosed?: readonly string[];
  /** Classified fields withheld (no consent, not for the reader's kind). */
  redacted?: readonly string[];
  outcome: AccessOutcome;
}

/** The legal basis of keeping the access log: accountability and security of processing (GDPR art. 5(2), 32). */
export const ACCESS_LOG_LEGAL_BASIS = 'GDPR-art-5-2-art-32';

/** The stream category of the access log (`access-log-<yyyy-mm-dd>`). */
export const ACCESS_LOG_CATEGORY = 'access';

/** The day's access-log stream of an instant (UTC): `access-log-2026-12-02`. */
export function accessLogStreamOf(time: string): string {
  return `access-log-${new Date(time).toISOString().slice(0, 10)}`;
}

/** The entry as a domain event and the identity of the case it belongs to. */
export function toAccessEvent(entry: AccessEntry): { event: DomainEvent<'PersonalDataAccessed'>; identity: StreamIdentity } {
  const { caller } = entry;
  return {
    event: {
      type: 'PersonalDataAccessed',
      data: {
        reader: { clientId: caller.client.clientId, kind: caller.client.kind, agencyId: caller.client.agencyId },
        ...(caller.operator ? { operator: { ...caller.operator } } : {}),
        purposeId: caller.purposeId,
        voucherId: caller.voucherId,
        route: entry.route,
        disclosed: [...(entry.disclosed ?? [])],
        redacted: [...(entry.redacted ?? [])],
        outcome: entry.outcome,
      },
    },
    identity: { subject: entry.case.id, ambito: entry.case.ambito, personref: entry.case.personRef, legalbasis: ACCESS_LOG_LEGAL_BASIS },
  };
}
