import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { accessRules, assertAuthorized, authorizeActingOn, authorizeRead, type Caller, type ReadPermission } from '@traiettorie/access';
import { ForbiddenError, parseOrThrow } from '@traiettorie/contracts';
import { ApiProblems, ApiZodBody, ApiZodResponse, CommandHandling, CurrentCaller } from '@traiettorie/nest-kit';
import { z } from 'zod';
import {
  companiesQuery,
  companyResponse,
  openPlacementExamples,
  openPlacementRequest,
  registerCompanyExamples,
  registerCompanyRequest,
  type Company,
} from './company.request.js';
import { CompanyRegistry } from './company-registry.repository.js';
import { sectorKeys } from './sectors.js';

/** The registry is kept by the employment centre, for the Ambiti it acts for. */
function assertKeepsRegistry(caller: Caller, ambito: string): void {
  if (caller.client.kind !== 'employment-centre') {
    throw new ForbiddenError(`the company registry is kept by the employment centre, not by ${caller.client.kind}`, accessRules.scopeNotForThisKind);
  }
  assertAuthorized(authorizeActingOn(caller, ambito));
}

/** The CPI's registry of employers and tirocinio hosts: sector (ATECO), Comune, Ambito, conventions, placements. No person's data. */
@ApiTags('companies')
@Controller('companies')
export class CompanyRegistryController {
  constructor(
    private readonly registry: CompanyRegistry,
    private readonly commands: CommandHandling,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The employers and tirocinio hosts of the registry, with their conventions and placements',
    description: 'Filtered by `ambito`, `comune`, `sector` and `role`; only the Ambiti the caller acts for.',
  })
  @ApiQuery({ name: 'ambito', required: false, schema: { type: 'string' } })
  @ApiQuery({ name: 'comune', required: false, schema: { type: 'string' } })
  @ApiQuery({ name: 'sector', required: false, schema: { type: 'string', enum: sectorKeys } })
  @ApiQuery({ name: 'role', required: false, schema: { type: 'string', enum: ['employer', 'tirocinio-host'] } })
  @ApiZodResponse(200, z.array(companyResponse), { description: 'The companies, by Ambito, Comune and name' })
  @ApiProblems(403, 422)
  async list(@Query() query: unknown, @CurrentCaller() caller: Caller): Promise<Company[]> {
    const filter = parseOrThrow(companiesQuery, query, 'query');
    const decision = authorizeRead(caller, { scope: 'company-registry', ...(filter.ambito ? { ambito: filter.ambito } : {}) });
    assertAuthorized(decision);
    const { extent } = decision as ReadPermission;
    if ('regions' in extent) throw new ForbiddenError('the company registry is read by Ambito', accessRules.scopeNotForThisKind);
    return this.registry.list({ ...filter, ...('ambiti' in extent ? { ambiti: extent.ambiti } : {}) });
  }

  @Get(':companyId')
  @ApiOperation({ summary: 'One company of the registry, with its conventions and placements' })
  @ApiParam({ name: 'companyId', schema: { type: 'string', format: 'uuid' } })
  @ApiZodResponse(200, companyResponse, { description: 'The company' })
  @ApiProblems(403, 404, 422)
  async get(@Param('companyId') companyId: string, @CurrentCaller() caller: Caller): Promise<Company> {
    const company = await this.registry.get(parseOrThrow(z.uuid(), companyId, 'company id'));
    assertAuthorized(authorizeRead(caller, { scope: 'company-registry', ambito: company.ambito }));
    return company;
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'Company_register',
    summary: 'Register an employer or tirocinio host, with its conventions',
    description: 'The sector is derived from the ATECO code; a partita IVA and a convention reference are registered once (409).',
  })
  @ApiZodBody(registerCompanyRequest, { examples: registerCompanyExamples })
  @ApiZodResponse(201, companyResponse, { description: 'The company as registered' })
  @ApiProblems(400, 403, 409, 415, 422)
  async register(@Body() body: unknown, @CurrentCaller() caller: Caller): Promise<Company> {
    const request = parseOrThrow(registerCompanyRequest, body, 'request body');
    assertKeepsRegistry(caller, request.ambito);
    return this.registry.register(this.commands.newId(), request);
  }

  @Post(':companyId/placements')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'Company_openPlacement',
    summary: 'Open a placement (a tirocinio or a job) at a company',
    description: 'A tirocinio at a company registered as tirocinio host, a job at an employer (409 otherwise).',
  })
  @ApiParam({ name: 'companyId', schema: { type: 'string', format: 'uuid' } })
  @ApiZodBody(openPlacementRequest, { examples: openPlacementExamples })
  @ApiZodResponse(201, companyResponse, { description: 'The company with its placements' })
  @ApiProblems(400, 403, 404, 409, 415, 422)
  async openPlacement(@Param('companyId') companyId: string, @Body() body: unknown, @CurrentCaller() caller: Caller): Promise<Company> {
    const id = parseOrThrow(z.uuid(), companyId, 'company id');
    const request = parseOrThrow(openPlacementRequest, body, 'request body');
    const company = await this.registry.get(id);
    assertKeepsRegistry(caller, company.ambito);
    return this.registry.openPlacement(id, this.commands.newId(), request);
  }
}
