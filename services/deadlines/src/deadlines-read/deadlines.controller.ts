import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { assertAuthorized, authorizeRead, type Caller } from '@traiettorie/access';
import { caseId, deadlineRuleIds, deadlineRuleOf, NotFoundError, parseOrThrow } from '@traiettorie/contracts';
import { AccessLogging, ApiProblems, ApiZodResponse, CurrentCaller, ReadsPersonalData } from '@traiettorie/nest-kit';
import { and, asc, eq } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { z } from 'zod';
import { fromRow } from '../deadline/deadline.read-model.js';
import { statusOf, type Deadline } from '../deadline/deadline.projection.js';
import { deadlines } from '../deadline/deadline.schema.js';
import { DEADLINES_DB } from '../database.module.js';

const statuses = ['open', 'closed', 'missed'] as const;

const query = z.strictObject({
  caseId,
  status: z.enum(statuses).optional(),
});

const eventRef = z.strictObject({ eventId: z.uuid(), type: z.string() });

export const deadlineView = z.strictObject({
  deadlineId: z.uuid(),
  rule: z.enum(deadlineRuleIds),
  label: z.string().describe('the rule, in Italian, for operators'),
  status: z.enum(statuses).describe('open; closed by the awaited event (or the case\'s closure); missed once a DeadlineMissed is recorded, even if met late'),
  dueOn: z.iso.date().describe('the due date the opening event set'),
  effectiveDueOn: z.iso.date().describe('the last day on time: the due date moved past Sundays and national holidays'),
  openedBy: eventRef,
  awaited: z.array(z.string()).describe('the event types any of which meets it'),
  closedBy: eventRef.extend({ on: z.iso.date() }).optional(),
  missed: z.strictObject({ eventId: z.uuid().describe('the DeadlineMissed event'), detectedOn: z.iso.date() }).optional(),
});

export const deadlinesResponse = z.strictObject({ caseId: z.uuid(), deadlines: z.array(deadlineView) });
type Deadlines = z.output<typeof deadlinesResponse>;

/** GET /deadlines?caseId=: the operator's view of a case's legal deadlines. */
@ApiTags('deadlines')
@Controller('deadlines')
export class DeadlinesController {
  constructor(
    @Inject(DEADLINES_DB) private readonly database: { db: NodePgDatabase },
    private readonly accessLog: AccessLogging,
  ) {}

  @Get()
  @ReadsPersonalData()
  @ApiOperation({
    operationId: 'Deadlines_ofCase',
    summary: "A case's legal deadlines (first appointment, PSP, periodic checks, pact reviews): open, closed or missed, with their due dates",
    description: 'The soonest last day on time first. A missed deadline names its DeadlineMissed event, recorded on the case\'s stream exactly once.',
  })
  @ApiQuery({ name: 'caseId', required: true, schema: { type: 'string', format: 'uuid' } })
  @ApiQuery({ name: 'status', required: false, schema: { type: 'string', enum: [...statuses] } })
  @ApiZodResponse(200, deadlinesResponse, { description: "The case's deadlines" })
  @ApiProblems(403, 404, 422)
  async ofCase(@Query() params: unknown, @CurrentCaller() caller: Caller): Promise<Deadlines> {
    const { caseId: id, status } = parseOrThrow(query, params, 'query');
    const rows = await this.database.db.select().from(deadlines).where(eq(deadlines.caseId, id)).orderBy(asc(deadlines.effectiveDueOn), asc(deadlines.deadlineId));
    const accessed = await this.accessLog.caseOf(id);
    const ambito = accessed?.ambito ?? rows[0]?.ambito;
    if (!ambito) throw new NotFoundError(`case ${id} does not exist`);
    // Only cases of the caller's Ambiti; the read is itself recorded (PersonalDataAccessed).
    assertAuthorized(authorizeRead(caller, { scope: 'case-summary', ambito }));
    const all = rows.map(fromRow);
    const shown = status ? all.filter((d) => statusOf(d) === status) : all;
    if (accessed) await this.accessLog.record({ caller, case: accessed, route: 'GET /deadlines', disclosed: [], outcome: 'disclosed' });
    return { caseId: id, deadlines: shown.map(viewOf) };
  }
}

function viewOf(deadline: Deadline): z.output<typeof deadlineView> {
  const { deadlineId, rule, dueOn, effectiveDueOn, openedBy, awaited, closedBy, missed } = deadline;
  return {
    deadlineId,
    rule,
    label: deadlineRuleOf(rule).label,
    status: statusOf(deadline),
    dueOn,
    effectiveDueOn,
    openedBy,
    awaited: [...awaited],
    ...(closedBy ? { closedBy } : {}),
    ...(missed ? { missed } : {}),
  };
}
