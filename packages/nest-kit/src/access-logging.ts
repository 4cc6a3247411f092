import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Caller } from '@traiettorie/access';
import { AccessLogUnavailableError, createAccessLog, type AccessedCase, type AccessLog, type AccessOutcome } from '@traiettorie/access-log';
import { caseStreamOf, classifiedFieldsOf, definitionOf, isEventType } from '@traiettorie/contracts';
import type { EventStore } from '@traiettorie/event-store';
import { ProblemException } from './problem-details.filter.js';

/** The service's access log (packages/access-log): every read of personal data becomes a `PersonalDataAccessed` event. */
@Injectable()
export class AccessLogging implements OnModuleDestroy {
  private readonly log: AccessLog;

  constructor(@Inject('ACCESS_LOG_STORE') private readonly store: EventStore) {
    this.log = createAccessLog(store);
  }

  /**
   * The case as the access log names it, from the opening of its social
   * services' stream (`case-<id>`): its Ambito, its person, and the social
   * services holding it; undefined when the case was never opened there.
   */
  async caseOf(caseId: string): Promise<AccessedCase | undefined> {
    const [opening] = await this.store.readStream(caseStreamOf('social-services', caseId), { maxCount: 1 });
    if (!opening) return undefined;
    const { ambito, personref, source } = opening.metadata as { ambito: string; personref: string; source: string };
    return { id: caseId, ambito, personRef: personref, custodian: source };
  }

  /**
   * Records one read of a case's personal data. An auditor's read waits until
   * its record is stored (every such read is logged before it is answered);
   * others are queued and appended in batches. When the log cannot take the
   * record, the read is refused (503), never answered unlogged.
   */
  async record(read: {
    caller: Caller;
    case: AccessedCase;
    route: string;
    disclosed: readonly string[];
    redacted?: readonly string[];
    outcome: AccessOutcome;
  }): Promise<void> {
    try {
      if (read.caller.client.kind === 'auditor') await this.log.recordDurably(read);
      else this.log.record(read);
    } catch (error) {
      if (!(error instanceof AccessLogUnavailableError)) throw error;
      throw new ProblemException({
        type: 'urn:traiettorie:problem:access-log-unavailable',
        title: 'Service unavailable',
        status: 503,
        detail: 'the access log cannot record this read now, so it is not answered; ask again shortly',
      }, { 'Retry-After': '1' });
    }
  }

  /** Appends what is still queued: the service's shutdown waits for it, before the pool closes. */
  async onModuleDestroy(): Promise<void> {
    await this.log.close();
  }
}

/** The classified fields (personal or special-category) an event of `type` carries, as the access log names them: `<Type>:<JSONPath>`. */
export function classifiedFieldNames(type: string, data: unknown, except: readonly string[] = []): string[] {
  if (!isEventType(type)) return [];
  return classifiedFieldsOf(definitionOf(type))
    .filter((field) => !except.includes(field.path) && isPresent(data, field.segments))
    .map((field) => `${type}:${field.path}`);
}

function isPresent(value: unknown, segments: readonly string[]): boolean {
  if (segments.length === 0) return value !== undefined && value !== null;
  if (value === null || typeof value !== 'object') return false;
  const [head, ...rest] = segments;
  if (head === '*') return Object.values(value).some((item) => isPresent(item, rest));
  return isPresent((value as Record<string, unknown>)[head!], rest);
}
