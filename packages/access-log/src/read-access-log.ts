import { toCloudEvent } from '@traiettorie/command-handling';
import { LOG_START, type EventStore } from '@traiettorie/event-store';
import { ACCESS_LOG_CATEGORY } from './access-entry.js';

/** Which reads an auditor asks about: a case, a person, a time window (all optional, combined with and). */
export interface AccessLogQuery {
  caseId?: string;
  personRef?: string;
  from?: Date;
  before?: Date;
}

/** One recorded read as the auditor sees it: after the person's erasure, `personRef` and the personal fields are null and listed in `erased`. */
export interface AccessRecord {
  eventId: string;
  time: string;
  caseId: string;
  ambito: string;
  personRef: string | null;
  data: Record<string, unknown>;
  erased: readonly string[];
}

/**
 * "Who saw this person's data, when, and why": the access log's records, in
 * log order, read through the store (so sealed fields are opened with the
 * person's key, and read as null once the person is forgotten). It reads the
 * global log, which shows a commit once every transaction older than it has
 * ended (the store's horizon): the newest records may show a moment later.
 */
export async function readAccessLog(store: EventStore, query: AccessLogQuery = {}): Promise<AccessRecord[]> {
  const found: AccessRecord[] = [];
  for (let after = LOG_START; ; ) {
    const { events, checkpoint } = await store.readAll({
      after,
      limit: 1_000,
      categories: [ACCESS_LOG_CATEGORY],
      types: ['PersonalDataAccessed'],
      ...(query.from ? { recordedFrom: query.from } : {}),
      ...(query.before ? { recordedBefore: query.before } : {}),
    });
    for (const stored of events) {
      const event = toCloudEvent(stored) as unknown as Record<string, unknown>;
      const record: AccessRecord = {
        eventId: stored.id,
        time: String(event['time']),
        caseId: String(event['subject']),
        ambito: String(event['ambito']),
        personRef: typeof event['personref'] === 'string' ? event['personref'] : null,
        data: stored.data as Record<string, unknown>,
        erased: Array.isArray(stored.metadata['erased']) ? (stored.metadata['erased'] as string[]) : [],
      };
      if (query.caseId !== undefined && record.caseId !== query.caseId) continue;
      if (query.personRef !== undefined && record.personRef !== query.personRef) continue;
      found.push(record);
    }
    if (events.length === 0 || (checkpoint.globalPosition === after.globalPosition && checkpoint.transactionId === after.transactionId)) return found;
    after = checkpoint;
  }
}
