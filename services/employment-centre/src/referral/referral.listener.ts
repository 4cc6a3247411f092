import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { caseStreamOf, type HubEvent } from '@traiettorie/contracts';
import { handleCommand, type EventStore } from '@traiettorie/event-store';
import { EVENT_STORE } from '@traiettorie/nest-kit';
import { createHash } from 'node:crypto';
import { EMPLOYMENT_CENTRE_SOURCE } from '../config.js';
import { referralDecider } from './referral.decider.js';

export const referralStream = (caseId: string) => caseStreamOf('employment-centre', caseId);

/**
 * Reacts to assessments published by the social services. The new event's id
 * is derived from the assessment's, so a redelivered assessment can never
 * produce a second referral, even if two deliveries race.
 */
@Controller()
export class ReferralListener {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EMPLOYMENT_CENTRE_SOURCE) private readonly source: string,
  ) {}

  @EventPattern('AssessmentCompleted')
  async onAssessmentCompleted(@Payload() assessment: HubEvent<'AssessmentCompleted'>): Promise<void> {
    await handleCommand(this.store, referralStream(assessment.subject), referralDecider, {
      type: 'ReceiveReferral',
      assessment,
      eventId: derivedEventId(assessment.id, 'EmploymentReferralReceived'),
      now: new Date().toISOString(),
      source: this.source,
    });
  }
}

/** A UUID (version 5 layout) determined by a causing event's id and a purpose. */
export function derivedEventId(causeId: string, purpose: string): string {
  const hash = createHash('sha1').update(`${causeId}:${purpose}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
