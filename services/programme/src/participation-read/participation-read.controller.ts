import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { assertAuthorized, authorizeRead, type Caller } from '@traiettorie/access';
import { foldState, toCloudEvent } from '@traiettorie/command-handling';
import { followUpSituations, NotFoundError, participantLeftOperationV1, situationUponLeavingV1, type HubEvent } from '@traiettorie/contracts';
import type { EventStore } from '@traiettorie/event-store';
import { AccessLogging, ApiProblems, ApiZodResponse, classifiedFieldNames, CurrentCaller, EVENT_STORE, ReadsPersonalData } from '@traiettorie/nest-kit';
import { z } from 'zod';
import { countedSituation, participationState, participationStream, type ParticipationEventType, type ParticipationState } from '../participation/participation.state.js';
import { caseIdFrom, caseIdPath } from '../programme.http.js';

const situation = z.strictObject({
  assessedOn: z.iso.date(),
  situation: situationUponLeavingV1.data.shape.situation,
  eventId: z.uuid().describe('the SituationUponLeaving event that recorded it'),
});

export const participationResponse = z.strictObject({
  caseId: z.uuid(),
  status: z.enum(['enrolled', 'left']),
  ambito: z.string(),
  projectCode: z.string(),
  cup: z.string(),
  entryDate: z.iso.date(),
  exit: z.strictObject({ leftOn: z.iso.date(), reason: participantLeftOperationV1.data.shape.reason }).optional(),
  situationsUponLeaving: z.array(situation).describe('every situation upon leaving recorded, in recording order'),
  countedSituation: situation
    .optional()
    .describe('the situation ESF+ counts as the immediate result: the last one assessed within the four weeks after leaving'),
  followUp: z.strictObject({ followUpOn: z.iso.date(), situation: z.enum(followUpSituations) }).optional(),
  version: z.int().min(1).describe("the participation stream's version: the ETag its commands take as If-Match"),
});
type Participation = z.output<typeof participationResponse>;

/** GET /participations/:caseId: a person's participation in a funded operation, folded from its stream. */
@ApiTags('participations')
@Controller('participations')
export class ParticipationReadController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly accessLog: AccessLogging,
  ) {}

  @Get(':caseId')
  @ReadsPersonalData()
  @ApiOperation({
    operationId: 'Participation_get',
    summary: "A person's participation in a funded operation: entry, exit, the situations upon leaving and the one ESF+ counts, the six-month follow-up",
  })
  @ApiParam(caseIdPath)
  @ApiZodResponse(200, participationResponse, { description: 'The participation as its stream stands' })
  @ApiProblems(403, 404, 422)
  async get(@Param('caseId') caseId: string, @CurrentCaller() caller: Caller): Promise<Participation> {
    const id = caseIdFrom(caseId);
    const stored = await this.store.readStream(participationStream(id));
    // As stored: a read route shows what is there, also once the person was forgotten (ADR 3) and the envelope no longer parses.
    const history = stored.map((event) => toCloudEvent(event) as HubEvent<ParticipationEventType>);
    const state = foldState(participationState, history);
    if (state.status === 'none') throw new NotFoundError(`no participation in a funded operation for case ${id}`);
    // Only participations of the caller's Ambiti; every such read is itself recorded (PersonalDataAccessed).
    assertAuthorized(authorizeRead(caller, { scope: 'case-summary', ambito: state.ambito }));
    // Recorded against the case as the social services hold it (its custodian); as the employment centre does, a read of a case they do not hold is not.
    const accessed = await this.accessLog.caseOf(id);
    // What the view shows: the exit, the situations and the follow-up (the ESF+ entry data stay in the enrolment).
    const disclosed = [...new Set(history.filter((e) => e.type !== 'ParticipantEnrolledInOperation').flatMap((e) => classifiedFieldNames(e.type, e.data)))];
    if (accessed) await this.accessLog.record({ caller, case: accessed, route: 'GET /participations/{caseId}', disclosed, outcome: 'disclosed' });
    return participationView(id, state, stored.at(-1)!.streamPosition);
  }
}

/** What an operator sees of a participation (the ESF+ entry data stay in the enrolment event). */
export function participationView(caseId: string, state: Exclude<ParticipationState, { status: 'none' }>, version: number): Participation {
  const { projectCode, cup, entryDate } = state.operation;
  const base = { caseId, status: state.status, ambito: state.ambito, projectCode, cup, entryDate, version };
  if (state.status === 'enrolled') return { ...base, situationsUponLeaving: [] };
  const counted = countedSituation(state.situationsUponLeaving);
  return {
    ...base,
    exit: state.exit,
    situationsUponLeaving: [...state.situationsUponLeaving],
    ...(counted ? { countedSituation: counted } : {}),
    ...(state.followUp ? { followUp: state.followUp } : {}),
  };
}
