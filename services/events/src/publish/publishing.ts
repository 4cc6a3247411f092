import { Inject, Injectable } from '@nestjs/common';
import { assertAuthorized, authorizeActingOn, authorizeEmit, type Caller } from '@traiettorie/access';
import { recordEvents, type EventRecorder, type EventToRecord } from '@traiettorie/command-handling';
import { ForbiddenError, parseEvent, TraiettorieError, ValidationError, type HubEvent } from '@traiettorie/contracts';
import type { EventStore } from '@traiettorie/event-store';
import { EVENT_STORE, problemOfError, sourceOfCaller, type ProblemDetails } from '@traiettorie/nest-kit';

/** Injection token of the recorders by event type (`recordersByType()`). */
export const RECORDERS = Symbol('RECORDERS');

/** What became of one posted event: `problem` says why when it was refused. */
export interface EventResult {
  /** Its place in the request (0 for binary and structured mode). */
  index: number;
  /** Its `id`, when it is a UUID (anything else is not echoed). */
  id?: string;
  type?: string;
  status: 'accepted' | 'duplicate' | 'refused';
  problem?: ProblemDetails;
}

export interface PublishResult {
  results: EventResult[];
  accepted: number;
  duplicate: number;
  refused: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Records the events an agency publishes (POST /events, its inbound topic):
 * each is checked against its contract (`parseEvent`), must come from the
 * caller's own agency (`source`), is authorised as its emitter
 * (`authorizeEmit`), and is recorded by its owning decider (`recordEvents`:
 * every stream read in one query and appended in one transaction). Every
 * event gets its own outcome.
 */
@Injectable()
export class Publishing {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RECORDERS) private readonly recorders: ReadonlyMap<string, EventRecorder>,
  ) {}

  async publish(caller: Caller, posted: readonly unknown[]): Promise<PublishResult> {
    // A reader (funder, auditor) publishes nothing: refused as a whole.
    const source = sourceOfCaller(caller);
    const results: EventResult[] = posted.map((raw, index) => ({ index, ...identify(raw), status: 'refused' }));
    const toRecord: { index: number; item: EventToRecord }[] = [];
    posted.forEach((raw, index) => {
      try {
        toRecord.push({ index, item: this.check(caller, source, raw) });
      } catch (error) {
        results[index] = refusedResult(results[index]!, error);
      }
    });
    const outcomes = await recordEvents(
      this.store,
      toRecord.map((r) => r.item),
      { authorize: (event) => authorizeEmit(caller, event), authorizeStream: (ambito) => authorizeActingOn(caller, ambito) },
    );
    outcomes.forEach((outcome, i) => {
      const result = results[toRecord[i]!.index]!;
      results[toRecord[i]!.index] = outcome.status === 'refused' ? refusedResult(result, outcome.error) : { ...result, status: outcome.status };
    });
    const count = (status: EventResult['status']) => results.filter((r) => r.status === status).length;
    return { results, accepted: count('accepted'), duplicate: count('duplicate'), refused: count('refused') };
  }

  /** The contract, the source, the emitter's rights and a recorder for the type: what needs no stream. */
  private check(caller: Caller, source: string, raw: unknown): EventToRecord {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new ValidationError([{ path: '', rule: 'cloudevent-object', message: 'each event must be a JSON object with its attributes and data' }], 'event');
    }
    const event: HubEvent = parseEvent(raw);
    if (event.source !== source) {
      throw new ForbiddenError(`an event's source must be the caller's own agency, ${source}`, 'source-not-yours');
    }
    assertAuthorized(authorizeEmit(caller, event));
    const recorder = this.recorders.get(event.type);
    if (!recorder) {
      throw new ValidationError(
        [{ path: 'type', rule: 'publishable-type', message: `${event.type} has no recorder in the events service yet: post it through its agency's command route` }],
        'event',
      );
    }
    return { event, recorder };
  }
}

function identify(raw: unknown): { id?: string; type?: string } {
  if (typeof raw !== 'object' || raw === null) return {};
  const { id, type } = raw as { id?: unknown; type?: unknown };
  return {
    ...(typeof id === 'string' && UUID.test(id) ? { id } : {}),
    ...(typeof type === 'string' && /^[A-Za-z]{1,80}$/.test(type) ? { type } : {}),
  };
}

function refusedResult(result: EventResult, error: unknown): EventResult {
  if (!(error instanceof TraiettorieError)) throw error;
  return { ...result, status: 'refused', problem: problemOfError(error) };
}
