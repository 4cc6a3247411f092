import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Caller } from '@traiettorie/access';
import { caseOpenedV1, parseOrThrow } from '@traiettorie/contracts';
import { ApiProblems, ApiZodResponse, CurrentCaller, openApiSchema, ReadsPersonalData } from '@traiettorie/nest-kit';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { feedResponse, feedQuery, publishResponse } from './events.http.js';
import { Feed, parseCheckpoint, type FeedPage } from './feed/feed.js';
import { BATCH, MAX_BATCH, postedEvents, STRUCTURED } from './publish/cloudevents-http.js';
import { Publishing, type PublishResult } from './publish/publishing.js';

const exampleEvent = {
  specversion: '1.0',
  id: '0b6f3c1a-9b0e-4a55-8d64-3c2b9b0b7e21',
  source: '/agencies/social-services/ambito-sesto-san-giovanni',
  type: 'CaseOpened',
  time: '2026-10-01T09:00:00.000Z',
  subject: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
  datacontenttype: 'application/json',
  dataschema: 'urn:traiettorie:schema:CaseOpened:v1',
  ambito: 'LOM-SESTO-SAN-GIOVANNI',
  personref: 'P-SSG-7f3a91',
  legalbasis: 'DL-48-2023',
  data: caseOpenedV1.example,
};
/** A structured CloudEvent: the attributes (`cloudEventAttributes` of the contracts) and the type's data. */
const structuredEvent = z.looseObject({
  specversion: z.literal('1.0'),
  id: z.uuid(),
  source: z.string(),
  type: z.string(),
  time: z.string(),
  subject: z.uuid(),
  datacontenttype: z.literal('application/json'),
  dataschema: z.string(),
  ambito: z.string(),
  personref: z.string(),
  legalbasis: z.string(),
  data: z.record(z.string(), z.unknown()),
});

/** POST /events and GET /events: one address for every agency's system. */
@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(
    private readonly publishing: Publishing,
    private readonly feed: Feed,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'Events_publish',
    summary: 'Publish CloudEvents: binary, structured or a batch',
    description: [
      'An agency system publishes facts it recorded, as CloudEvents over HTTP in any mode of the CloudEvents HTTP binding:',
      '**binary** (`ce-*` headers, the data as an `application/json` body), **structured** (`application/cloudevents+json`) or',
      `**batch** (\`application/cloudevents-batch+json\`, at most ${MAX_BATCH} events). Each event is checked against its contract,`,
      "must come from the caller's own agency (`source`), is authorised as its emitter (its kind and Ambito), is decided by the owning",
      "agency's decider against the case's stream, and is stored with its own id, source and time.",
      '\n\nEvery event has its own outcome: `accepted`, `duplicate` (the same id with the same content was stored before: re-posting stores',
      'nothing twice) or `refused` with RFC 9457 problem details (a reused id with other content is refused). One refusal does not stop',
      'the others. A batch is answered **200** with one result per event; a single event (binary or structured) **201** when accepted,',
      '**200** when a duplicate, and its problem (403, 409, 422) when refused.',
    ].join(' '),
  })
  @ApiOperation({
    requestBody: {
      required: true,
      content: {
      'application/json': { schema: { type: 'object', description: "binary mode: the event's data; its attributes in ce-specversion, ce-id, ce-source, ce-type, ce-time, ce-subject, ce-dataschema, ce-ambito, ce-personref, ce-legalbasis" } as never, examples: { caseOpened: { summary: 'Binary mode: a CaseOpened’s data (its attributes in the ce-* headers)', value: caseOpenedV1.example } } },
      [STRUCTURED]: { schema: openApiSchema(structuredEvent) as never, examples: { caseOpened: { summary: 'A CaseOpened as one structured CloudEvent', value: exampleEvent } } },
      [BATCH]: { schema: openApiSchema(z.array(structuredEvent).max(MAX_BATCH)) as never, examples: { oneCase: { summary: 'A batch of one event', value: [exampleEvent] } } },
      },
    },
  })
  @ApiZodResponse(200, publishResponse, { description: 'A batch: one result per event, in order; or a single event that was a duplicate' })
  @ApiZodResponse(201, publishResponse, { description: 'A single event (binary or structured mode), accepted' })
  @ApiProblems(400, 403, 409, 415, 422)
  async publish(@Req() request: Request, @Res({ passthrough: true }) response: Response, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<PublishResult> {
    const posted = postedEvents(request.headers, body);
    const result = await this.publishing.publish(caller, posted.events);
    if (posted.mode === 'batch') return result;
    const [single] = result.results;
    // One event: answered as a command is, its refusal as the problem itself.
    if (single?.status === 'refused' && single.problem) {
      response.status(single.problem.status).type('application/problem+json');
      return { ...single.problem, instance: request.path } as never;
    }
    response.status(single?.status === 'accepted' ? 201 : 200);
    return result;
  }

  @Get()
  @ReadsPersonalData()
  @ApiOperation({
    operationId: 'Events_feed',
    summary: 'Read the events you may see, in log order, from a checkpoint (long-poll)',
    description:
      "The global log as the caller may read it: the events of the cases of its Ambiti, special-category fields redacted as the case history redacts them (the person's consents), anonymous events and the hub's access records left out. Resume with `after` = the last page's `next` (also the `Link` rel=\"next\" header); with `wait`, an empty page is held up to that many seconds until an event arrives. Every page is access-logged (one PersonalDataAccessed per case shown).",
  })
  @ApiQuery({ name: 'after', required: false, description: 'a checkpoint from a previous page (`next`); from the start of the log when absent', schema: { type: 'string', example: '0-0' } })
  @ApiQuery({ name: 'limit', required: false, description: 'at most this many events (1–1000, default 100)', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } })
  @ApiQuery({ name: 'wait', required: false, description: 'seconds to wait for a first event when there is none (0–30, default 0)', schema: { type: 'integer', minimum: 0, maximum: 30, default: 0 } })
  @ApiZodResponse(200, feedResponse, {
    description: 'A page of events (possibly empty) and the checkpoint after it',
    headers: { Link: { description: '`</events?after=<next>&limit=<limit>>; rel="next"`' } },
  })
  @ApiProblems(403, 422)
  async read(@Query() query: unknown, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response): Promise<FeedPage> {
    const { after, limit, wait } = parseOrThrow(feedQuery, query, 'query');
    const page = await this.feed.read(caller, { after: parseCheckpoint(after), limit, waitMs: wait * 1000 });
    response.setHeader('Link', `</events?after=${encodeURIComponent(page.next)}&limit=${limit}>; rel="next"`);
    return page;
  }
}
