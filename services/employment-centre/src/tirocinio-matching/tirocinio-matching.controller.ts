import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { assertAuthorized, authorizeRead, type Caller } from '@traiettorie/access';
import { ambitoCode, italianDate, parseOrThrow, type HubEvent } from '@traiettorie/contracts';
import type { EventStore } from '@traiettorie/event-store';
import { AccessLogging, ApiProblems, ApiZodResponse, CLOCK, COMMAND_SOURCE, CurrentCaller, EVENT_STORE, ReadsPersonalData, type Clock } from '@traiettorie/nest-kit';
import { z } from 'zod';
import { CompanyRegistry } from '../company-registry/company-registry.repository.js';
import { sectorKeys } from '../company-registry/sectors.js';
import { readEmploymentStreams } from '../employment/employment.read.js';
import { employmentState, type EmploymentEventType, type EmploymentState } from '../employment/employment.state.js';
import { matchTirocini, readyPerson, type ReadyPerson } from './tirocinio-matching.js';

const matchingQuery = z.strictObject({
  ambito: ambitoCode,
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const matchResponse = z.strictObject({
  rank: z.int().min(1),
  caseId: z.uuid().describe('the case of the person: the reference to act on (POST /referrals/{caseId}/tirocini)'),
  personRef: z.string().describe('the pseudonymous person reference; nothing else of the person is shown'),
  placementId: z.uuid(),
  companyId: z.uuid(),
  companyName: z.string(),
  comune: z.string(),
  sector: z.enum(sectorKeys),
  sectorLabel: z.string(),
  title: z.string(),
  tirocinioType: z.string().optional(),
  hoursPerWeek: z.int(),
  score: z.int(),
  reasons: z.array(z.string()).describe('why this placement suits this person, in Italian, e.g. "stesso Comune del CPI di riferimento"'),
});

const matchingResponse = z.strictObject({
  ambito: z.string(),
  on: z.iso.date().describe('the day conventions were checked for'),
  promoterId: z.string().describe('the promoter whose conventions count: this employment centre'),
  readyPeople: z.int().describe('people ready for a tirocinio in the Ambito: asked for by a pact or planned in the PSP, not yet started'),
  matches: z.array(matchResponse).describe('best first'),
});
type Matching = z.output<typeof matchingResponse>;

/** GET /matching/tirocini: people ready for a tirocinio × open placements in reach, ranked and explained. */
@ApiTags('matching')
@Controller('matching')
export class TirocinioMatchingController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly registry: CompanyRegistry,
    private readonly accessLog: AccessLogging,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(COMMAND_SOURCE) private readonly source: string,
  ) {}

  @Get('tirocini')
  @ReadsPersonalData()
  @ApiOperation({
    summary: 'People ready for a tirocinio × open tirocinio placements of their Ambito, ranked and explained',
    description:
      'A person is ready when a pact asked for a tirocinio (TirocinioPlacementRequested) or the PSP plans one, not yet answered by a tirocinio that started, and no employment started. ' +
      'Each match names the person by reference only, and says why, in Italian. Reading it is a read of those people\'s data (logged).',
  })
  @ApiQuery({ name: 'ambito', required: true, schema: { type: 'string' }, example: 'LOM-SESTO-SAN-GIOVANNI' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } })
  @ApiZodResponse(200, matchingResponse, { description: 'The matches, best first' })
  @ApiProblems(403, 422)
  async match(@Query() query: unknown, @CurrentCaller() caller: Caller): Promise<Matching> {
    const { ambito, limit } = parseOrThrow(matchingQuery, query, 'query');
    assertAuthorized(authorizeRead(caller, { scope: 'referral', ambito }));
    const on = italianDate(this.clock.now().toISOString());
    const promoterId = this.source.split('/').at(-1)!;
    const people = readyPeople(await readEmploymentStreams(this.store), ambito);
    const matches = matchTirocini(people, await this.registry.openTirociniIn(ambito), { on, promoterId }).slice(0, limit);
    for (const caseId of new Set(matches.map((m) => m.caseId))) {
      const accessed = await this.accessLog.caseOf(caseId);
      if (!accessed) continue;
      const disclosed = matches.some((m) => m.caseId === caseId && m.usesQualification) ? ['TrainingCompleted:$.qualification.title'] : [];
      await this.accessLog.record({ caller, case: accessed, route: 'GET /matching/tirocini', disclosed, outcome: 'disclosed' });
    }
    return { ambito, on, promoterId, readyPeople: people.length, matches: matches.map(({ usesQualification: _used, ...match }) => match) };
  }
}

/** The people of an Ambito ready for a tirocinio, from the CPI's streams. */
export function readyPeople(events: readonly HubEvent<EmploymentEventType>[], ambito: string): ReadyPerson[] {
  const states = new Map<string, EmploymentState>();
  for (const event of events) {
    if (event.ambito !== ambito) continue;
    states.set(event.subject, employmentState.evolve(states.get(event.subject) ?? employmentState.initialState(), event));
  }
  return [...states].flatMap(([caseId, state]) => {
    const ready = readyPerson(caseId, state);
    return ready ? [ready] : [];
  });
}
