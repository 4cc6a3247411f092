import { Body, Controller, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import { ApiProblems, ApiZodBody, ApiZodResponse, CommandHandling, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { caseIdParam, caseIdPath, commandAccepted, commandAcceptedResponse, etagHeader, ifMatchApiHeader, type CommandAccepted } from '../case/case.http.js';
import { caseStream } from '../case/case.state.js';
import { signPactDecider } from './sign-pact.decider.js';
import { signPactExamples, signPactRequest } from './sign-pact.request.js';

/** POST /cases/:caseId/pact (PactSigned); If-Match makes it fail with 409 if the case changed since. */
@ApiTags('cases')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class SignPactController {
  constructor(private readonly commands: CommandHandling) {}

  @Post(':caseId/pact')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'Case_signPact',
    summary: "Record the signed Patto per l'inclusione (PactSigned)",
    description: 'The pact id is generated unless `pactId` is given.',
  })
  @ApiParam(caseIdPath)
  @ApiHeader(ifMatchApiHeader)
  @ApiZodBody(signPactRequest, { examples: signPactExamples })
  @ApiZodResponse(201, commandAcceptedResponse, { description: 'The pact is recorded', headers: etagHeader })
  @ApiProblems(400, 404, 409, 415, 422)
  async signPact(
    @Param('caseId') caseId: string,
    @ExpectedVersion() expectedVersion: number | undefined,
    @Body() body: unknown,
  ): Promise<CommandAccepted> {
    const id = parseOrThrow(caseIdParam, caseId, 'case id');
    const { pactId = this.commands.newId(), ...rest } = parseOrThrow(signPactRequest, body, 'request body');
    const result = await this.commands.handle(signPactDecider, {
      stream: caseStream(id),
      command: { type: 'SignPact', caseId: id, data: { pactId, ...rest } },
      expectedVersion,
    });
    return commandAccepted(id, result);
  }
}
