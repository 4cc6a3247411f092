import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { EventBatch } from '@traiettorie/messaging';
import { caseSummaryEventTypes, type CaseSummaryEvent } from './case-summary.projection.js';
import { CaseSummaryRepository } from './case-summary.repository.js';

/** Keeps case summaries up to date from every agency's events, a fetched batch per transaction. */
@Controller()
export class CaseSummaryListener {
  constructor(@Inject(CaseSummaryRepository) private readonly summaries: CaseSummaryRepository) {}

  @EventBatch(caseSummaryEventTypes)
  async onEvents(@Payload() events: CaseSummaryEvent[]): Promise<void> {
    await this.summaries.apply(events);
  }
}
