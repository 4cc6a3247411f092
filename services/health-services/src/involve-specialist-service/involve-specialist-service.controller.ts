import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Caller } from '@traiettorie/access';
import { parseOrThrow } from '@traiettorie/contracts';
import { ApiProblems, ApiZodBody, ApiZodResponse, caseRecordCommandController, CommandHandling, CurrentCaller } from '@traiettorie/nest-kit';
import { z } from 'zod';
import { anonymousHealthStream, healthStream } from '../health-record/health-record.state.js';
import { anonymityLegalBasis, involveSpecialistServiceDecider } from './involve-specialist-service.decider.js';
import {
  involveAnonymouslyExamples,
  involveAnonymouslyRequest,
  involveSpecialistServiceExamples,
  involveSpecialistServiceRequest,
} from './involve-specialist-service.request.js';

/** POST /cases/:caseId/specialist-involvements (SpecialistServiceInvolved). */
export const InvolveSpecialistServiceController = caseRecordCommandController({
  tag: 'health records',
  stream: healthStream,
  decider: involveSpecialistServiceDecider,
  route: {
    path: 'specialist-involvements',
    operationId: 'Health_involveSpecialistService',
    summary: "Record a specialist service's involvement in the case (SpecialistServiceInvolved)",
    description:
      'CPS, SerD/NOA or UOMPIA joins the EEMM, takes the person in charge or is consulted. Which service it is (`serviceCategory`) travels only under ' +
      'the consent named by `consentId`, recorded on the case and covering `service-category` on `involvedOn`. For an anonymous SerD user use ' +
      '`POST /anonymous-involvements`.',
    request: involveSpecialistServiceRequest,
    examples: involveSpecialistServiceExamples,
    recorded: 'The involvement is recorded',
  },
  command: (caseId, { identity, data }) => ({
    type: 'InvolveSpecialistService' as const,
    caseId,
    ...(identity ? { identity } : {}),
    data: { anonymous: false as const, ...data },
  }),
});

const anonymousInvolvementResponse = z.strictObject({
  anonymousId: z.uuid().describe('the id minted for this involvement alone (its stream `health-anon-<anonymousId>`); it links to no person or case'),
  events: z.array(z.strictObject({ id: z.uuid(), type: z.string() })),
});

/** POST /anonymous-involvements (SpecialistServiceInvolved, anonymous). */
@ApiTags('anonymous involvements')
@Controller('anonymous-involvements')
export class InvolveAnonymouslyController {
  constructor(private readonly commands: CommandHandling) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'Health_involveAnonymously',
    summary: 'Record an anonymous SerD/NOA involvement, linked to no one (SpecialistServiceInvolved)',
    description:
      'DPR 309/1990 art. 120: the user asked for anonymity. The event carries a subject and an `anon:` person reference minted for it, never a case ' +
      'or a person; no agency reads it in a case history; it feeds aggregate counts only.',
  })
  @ApiZodBody(involveAnonymouslyRequest, { examples: involveAnonymouslyExamples })
  @ApiZodResponse(201, anonymousInvolvementResponse, { description: 'The anonymous involvement is recorded' })
  @ApiProblems(400, 403, 409, 415, 422)
  async involve(@CurrentCaller() caller: Caller, @Body() body: unknown): Promise<z.output<typeof anonymousInvolvementResponse>> {
    const { ambito, ...data } = parseOrThrow(involveAnonymouslyRequest, body, 'request body');
    const anonymousId = this.commands.newId();
    const { events } = await this.commands.handle(involveSpecialistServiceDecider, {
      by: caller,
      stream: anonymousHealthStream(anonymousId),
      command: { type: 'InvolveAnonymously', anonymousId, ambito, legalBasis: anonymityLegalBasis, data: { anonymous: true as const, ...data } },
      usuallyOpensStream: true,
    });
    return { anonymousId, events: events.map(({ id, type }) => ({ id, type })) };
  }
}
