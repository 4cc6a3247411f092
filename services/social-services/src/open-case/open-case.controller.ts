import { Body, Controller, HttpCode, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { ApiProblems, ApiZodBody, ApiZodResponse, CommandHandling, CurrentCaller, VersionETagInterceptor } from '@traiettorie/nest-kit';
import type { Response } from 'express';
import { commandAccepted, commandAcceptedResponse, etagHeader, type CommandAccepted } from '../case/case.http.js';
import { caseStream } from '../case/case.state.js';
import { openCaseDecider } from './open-case.decider.js';
import { openCaseExamples, openCaseRequest } from './open-case.request.js';

/** POST /cases: opens a case (CaseOpened); the answer's ETag is the case stream's version. */
@ApiTags('cases')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class OpenCaseController {
  constructor(private readonly commands: CommandHandling) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'Case_open',
    summary: 'Open a case for a person referred to the social service (CaseOpened)',
    description: 'The case id is generated unless `caseId` is given; sending the same `caseId` again is refused with 409.',
  })
  @ApiZodBody(openCaseRequest, { examples: openCaseExamples })
  @ApiZodResponse(201, commandAcceptedResponse, {
    description: 'The case is open; `events[0].id` can be awaited on the read model (`GET /cases/{caseId}?waitFor=`)',
    headers: { ...etagHeader, Location: { description: 'the case, e.g. `/cases/<caseId>`' } },
  })
  @ApiProblems(400, 403, 409, 415, 422)
  async open(@Body() body: unknown, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<CommandAccepted> {
    const { caseId = this.commands.newId(), ambito, personRef, legalBasis, ...data } = parseOrThrow(openCaseRequest, body, 'request body');
    const result = await this.commands.handle(openCaseDecider, {
      by: caller,
      stream: caseStream(caseId),
      command: { type: 'OpenCase', caseId, ambito, personRef, legalBasis, data },
      usuallyOpensStream: true,
    });
    res.location(`/cases/${caseId}`);
    return commandAccepted(caseId, result);
  }
}
