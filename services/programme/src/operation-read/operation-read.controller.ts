import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { assertAuthorized, authorizeRead, type Caller } from '@traiettorie/access';
import { foldState, toCloudEvent } from '@traiettorie/command-handling';
import { NotFoundError, operationClosedV1, parseEvent, type HubEvent } from '@traiettorie/contracts';
import type { EventStore } from '@traiettorie/event-store';
import { ApiProblems, ApiZodResponse, CurrentCaller, EVENT_STORE } from '@traiettorie/nest-kit';
import { z } from 'zod';
import { operationState, operationStream, type OperationEventType } from '../operation/operation.state.js';
import { projectCodeFrom, projectCodePath } from '../programme.http.js';

export const operationResponse = z.strictObject({
  projectCode: z.string(),
  operationId: z.uuid().describe("the `subject` of the operation's events"),
  cup: z.string(),
  ambito: z.string(),
  status: z.enum(['open', 'closed']),
  declarations: z.array(
    z.strictObject({ declarationId: z.string(), declaredOn: z.iso.date(), periodFrom: z.iso.date(), periodTo: z.iso.date(), totalCents: z.int() }),
  ),
  declaredCents: z.int().describe('the sum of every declaration, in integer euro cents'),
  closure: z.strictObject({ closedOn: z.iso.date(), outcome: operationClosedV1.data.shape.outcome }).optional(),
  version: z.int().min(1).describe("the operation stream's version: the ETag its commands take as If-Match"),
});
type Operation = z.output<typeof operationResponse>;

/** GET /operations/:projectCode: a funded operation's declarations and closure (no person in it). */
@ApiTags('operations')
@Controller('operations')
export class OperationReadController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':projectCode')
  @ApiOperation({ operationId: 'Operation_get', summary: "A funded operation: its CUP, the expenditure declared and its closure" })
  @ApiParam(projectCodePath)
  @ApiZodResponse(200, operationResponse, { description: 'The operation as its stream stands' })
  @ApiProblems(403, 404, 422)
  async get(@Param('projectCode') projectCode: string, @CurrentCaller() caller: Caller): Promise<Operation> {
    const code = projectCodeFrom(projectCode);
    const stored = await this.store.readStream(operationStream(code));
    const state = foldState(operationState, stored.map((event) => parseEvent(toCloudEvent(event)) as HubEvent<OperationEventType>));
    if (state.status === 'none') throw new NotFoundError(`no funded operation ${code} is recorded`);
    assertAuthorized(authorizeRead(caller, { scope: 'aggregates', ambito: state.identity.ambito }));
    return {
      projectCode: code,
      operationId: state.identity.subject,
      cup: state.cup,
      ambito: state.identity.ambito,
      status: state.status,
      declarations: [...state.declarations],
      declaredCents: state.declarations.reduce((sum, d) => sum + d.totalCents, 0),
      ...(state.closure ? { closure: state.closure } : {}),
      version: stored.at(-1)!.streamPosition,
    };
  }
}
