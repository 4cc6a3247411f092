import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { HubEvent } from '@traiettorie/contracts';
import { CaseSummaryRepository } from './case-summary.repository.js';

/** Keeps case summaries up to date from every agency's events. */
@Controller()
export class CaseSummaryListener {
  constructor(@Inject(CaseSummaryRepository) private readonly summaries: CaseSummaryRepository) {}

  @EventPattern(['CaseOpened', 'AssessmentCompleted', 'PactSigned', 'EmploymentReferralReceived'])
  async onEvent(@Payload() event: HubEvent): Promise<void> {
    await this.summaries.apply(event);
  }
}
