import { agencyKindOf, type HubEvent } from '@traiettorie/contracts';

export const caseStatuses = ['open', 'assessed', 'pact-signed', 'closed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** The event types that shape a case summary. */
export const caseSummaryEventTypes = ['CaseOpened', 'AssessmentCompleted', 'PactSigned', 'CaseClosed', 'EmploymentReferralReceived'] as const;
export type CaseSummaryEvent = HubEvent<(typeof caseSummaryEventTypes)[number]>;

export function isCaseSummaryEvent(event: HubEvent): event is CaseSummaryEvent {
  return (caseSummaryEventTypes as readonly string[]).includes(event.type);
}

export interface CaseSummary {
  caseId: string;
  status: CaseStatus | null;
  ambito: string;
  personRef: string;
  agencies: string[];
  lastEventType: string;
  lastEventId: string;
  lastEventAt: string;
  openedAt: string | null;
  assessedAt: string | null;
  pactSignedAt: string | null;
  closedAt: string | null;
  employmentReferralAt: string | null;
  eventCount: number;
}

/**
 * Applies one event to a case's summary. Topics are ordered per case but not
 * across contexts, so every field is order-independent: the status only moves
 * forward, the last event is the latest by time (then id), agencies are a set.
 * A replay in any interleaving gives the same summary.
 */
export function projectCaseSummary(current: CaseSummary | undefined, event: CaseSummaryEvent): CaseSummary {
  // Times are kept as UTC ISO strings with milliseconds, as the database returns them.
  const time = new Date(event.time).toISOString();
  const base: CaseSummary = current ?? {
    caseId: event.subject,
    status: null,
    ambito: event.ambito,
    personRef: event.personref,
    agencies: [],
    lastEventType: event.type,
    lastEventId: event.id,
    lastEventAt: time,
    openedAt: null,
    assessedAt: null,
    pactSignedAt: null,
    closedAt: null,
    employmentReferralAt: null,
    eventCount: 0,
  };
  const isLatest = !current || compareMoments(time, event.id, current.lastEventAt, current.lastEventId) > 0;
  const agency = agencyKindOf(event.source);
  const next: CaseSummary = {
    ...base,
    agencies: agency && !base.agencies.includes(agency) ? [...base.agencies, agency].sort() : base.agencies,
    eventCount: base.eventCount + 1,
    ...(isLatest ? { lastEventType: event.type, lastEventId: event.id, lastEventAt: time } : {}),
  };
  switch (event.type) {
    case 'CaseOpened':
      return { ...next, status: advance(next.status, 'open'), openedAt: time, ambito: event.ambito, personRef: event.personref };
    case 'AssessmentCompleted':
      return { ...next, status: advance(next.status, 'assessed'), assessedAt: time };
    case 'PactSigned':
      return { ...next, status: advance(next.status, 'pact-signed'), pactSignedAt: time };
    case 'CaseClosed':
      return { ...next, status: advance(next.status, 'closed'), closedAt: time };
    case 'EmploymentReferralReceived':
      return { ...next, employmentReferralAt: time };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

function advance(current: CaseStatus | null, to: CaseStatus): CaseStatus {
  return current && caseStatuses.indexOf(current) > caseStatuses.indexOf(to) ? current : to;
}

function compareMoments(timeA: string, idA: string, timeB: string, idB: string): number {
  const byTime = Date.parse(timeA) - Date.parse(timeB);
  return byTime !== 0 ? byTime : idA.localeCompare(idB);
}
