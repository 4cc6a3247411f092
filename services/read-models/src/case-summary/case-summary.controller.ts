import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ambitoCode, caseId as caseIdSchema, NotFoundError, parseOrThrow } from '@traiettorie/contracts';
import { z } from 'zod';
import { caseStatuses, type CaseSummary } from './case-summary.projection.js';
import { CaseSummaryRepository } from './case-summary.repository.js';

const listQuery = z.strictObject({
  status: z.enum(caseStatuses).optional(),
  ambito: ambitoCode.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Operators' view of cases: status, last event, agencies involved. */
@ApiTags('cases')
@Controller('cases')
export class CaseSummaryController {
  constructor(@Inject(CaseSummaryRepository) private readonly summaries: CaseSummaryRepository) {}

  @Get()
  @ApiOperation({ summary: 'Case summaries, latest activity first' })
  @ApiQuery({ name: 'status', required: false, enum: caseStatuses })
  @ApiQuery({ name: 'ambito', required: false })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'offset', required: false, type: Number })
  async list(@Query() query: unknown): Promise<CaseSummary[]> {
    return this.summaries.list(parseOrThrow(listQuery, query, 'query'));
  }

  @Get(':caseId')
  @ApiOperation({ summary: "One case's summary" })
  async get(@Param('caseId') caseId: string): Promise<CaseSummary> {
    const id = parseOrThrow(caseIdSchema, caseId, 'case id');
    const summary = await this.summaries.get(id);
    if (!summary) throw new NotFoundError(`no case ${id} in the read model`);
    return summary;
  }
}
