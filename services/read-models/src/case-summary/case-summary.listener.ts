import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { caseSummaryEventTypes, type CaseSummaryEvent } from './case-summary.projection.js';
import { CaseSummaryRepository } from './case-summary.repository.js';

/** Keeps case summaries up to date from every agency's events. */
@Controller()
export class CaseSummaryListener {
  constructor(@Inject(CaseSummaryRepository) private readonly summaries: CaseSummaryRepository) {}

  @EventPattern([...caseSummaryEventTypes])
  async onEvent(@Payload() event: CaseSummaryEvent): Promise<void> {
    await this.summaries.apply(event);
  }
}
