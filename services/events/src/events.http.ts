import { cloudEventAttributes } from '@traiettorie/contracts';
import { problemDetailsSchema } from '@traiettorie/nest-kit';
import { z } from 'zod';

/** One posted event's outcome. */
export const eventResult = z.strictObject({
  index: z.int().min(0).describe("the event's place in the request (0 in binary and structured mode)"),
  id: z.uuid().optional().describe("the event's id, when it is a UUID"),
  type: z.string().optional(),
  status: z.enum(['accepted', 'duplicate', 'refused']).describe('`accepted`: stored now; `duplicate`: the same event (id and content) was stored before, nothing is stored twice; `refused`: see `problem`'),
  problem: problemDetailsSchema.optional().describe('RFC 9457 problem details of a refusal: `type`, `status`, `detail`, and `rule` (403) or `errors` naming each field and rule (422); values are never echoed'),
});

export const publishResponse = z.strictObject({
  results: z.array(eventResult).describe('one per posted event, in the order posted'),
  accepted: z.int().min(0),
  duplicate: z.int().min(0),
  refused: z.int().min(0),
});

/** A CloudEvent as the feed returns it. */
export const feedEvent = z.object({
  ...cloudEventAttributes.shape,
  personref: z.string().describe('pseudonymous person reference'),
  data: z.record(z.string(), z.unknown()).describe("the event type's data; a special-category field the reader may not see is `{ \"redacted\": true, \"reason\": … }`"),
  redacted: z.array(z.string()).optional().describe('JSONPaths into `data` of the fields redacted for this reader'),
});

export const feedResponse = z.strictObject({
  events: z.array(feedEvent).describe('in the global log order; structured CloudEvents (`new CloudEvent(e)` of the SDK reads each)'),
  next: z.string().describe('the checkpoint to pass as `after` for the next page (also in the `Link` header, rel="next")'),
});

export const feedQuery = z.strictObject({
  after: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  wait: z.coerce.number().int().min(0).max(30).default(0),
});
