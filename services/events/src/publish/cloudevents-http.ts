import { ValidationError } from '@traiettorie/contracts';
import { ProblemException, problemTypes } from '@traiettorie/nest-kit';
import type { IncomingHttpHeaders } from 'node:http';

/** The media types of the CloudEvents HTTP binding's structured and batched modes. */
export const STRUCTURED = 'application/cloudevents+json';
export const BATCH = 'application/cloudevents-batch+json';
/** The most events one batch may carry. */
export const MAX_BATCH = 5000;

export type ContentMode = 'binary' | 'structured' | 'batch';

/** The events of one request, as posted (unparsed attribute objects), and how they came. */
export interface PostedEvents {
  mode: ContentMode;
  events: unknown[];
}

/**
 * Reads the CloudEvents of an HTTP request per the CloudEvents HTTP protocol
 * binding 1.0.2: batched (`application/cloudevents-batch+json`, a JSON array
 * of structured events), structured (`application/cloudevents+json`, one JSON
 * event) or binary (the attributes in `ce-*` headers, percent-decoded; the
 * body is `data`, `Content-Type` its `datacontenttype`). Nothing is checked
 * here but the mode: each event's attributes are the contracts' business.
 *
 * The official SDK's receiver (`HTTP.toEvent`) is not used: it makes up an
 * `id` and a `time` for an event that lacks them (which would defeat
 * idempotence and hide a missing attribute), and refuses a whole batch for
 * one invalid event. Clients use the SDK (see the README).
 */
export function postedEvents(headers: IncomingHttpHeaders, body: unknown): PostedEvents {
  const mediaType = mediaTypeOf(headers['content-type']);
  if (mediaType === BATCH) {
    if (!Array.isArray(body)) {
      throw new ValidationError([{ path: '', rule: 'batch-array', message: 'a batch must be a JSON array of structured CloudEvents' }], 'batch');
    }
    if (body.length > MAX_BATCH) {
      throw new ValidationError([{ path: '', rule: `max:${MAX_BATCH}`, message: `a batch carries at most ${MAX_BATCH} events`, received: `${body.length} events` }], 'batch');
    }
    return { mode: 'batch', events: body };
  }
  if (mediaType === STRUCTURED) return { mode: 'structured', events: [body] };
  const attributes = binaryAttributes(headers);
  if (attributes) return { mode: 'binary', events: [{ ...attributes, ...(mediaType ? { datacontenttype: mediaType } : {}), data: body }] };
  throw new ProblemException(
    {
      type: problemTypes.unsupportedMediaType,
      title: 'Unsupported Media Type',
      status: 415,
      detail: `not a CloudEvent: send ${BATCH}, ${STRUCTURED}, or application/json data with ce-specversion, ce-id, ce-source, ce-type… headers (binary mode)`,
      accepted: ['application/json', STRUCTURED, BATCH],
    },
    { 'Accept-Post': ['application/json', STRUCTURED, BATCH].join(', ') },
  );
}

/** The `ce-*` headers as attributes (names lowercase, values percent-decoded); undefined when there are none. */
function binaryAttributes(headers: IncomingHttpHeaders): Record<string, string> | undefined {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith('ce-') || value === undefined) continue;
    attributes[name.slice(3)] = percentDecoded(Array.isArray(value) ? value.join(',') : value);
  }
  return Object.keys(attributes).length > 0 ? attributes : undefined;
}

function percentDecoded(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function mediaTypeOf(contentType: string | undefined): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type || undefined;
}
