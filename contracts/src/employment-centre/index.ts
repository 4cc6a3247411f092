/**
 * The employment centre's events. A new event type is its definition file
 * plus its line in `employmentCentreEvents`; a new version replaces the older
 * one there and adds the older one's upcaster to `employmentCentreUpcasters`.
 */
import { unchangedData, type Upcaster } from '../upcasting.js';
import { didRegisteredV1 } from './did-registered.v1.js';
import { employmentReferralReceivedV1 } from './employment-referral-received.v1.js';
import { employmentStartedV1 } from './employment-started.v1.js';
import { jobOfferRespondedV1 } from './job-offer-responded.v1.js';
import { profilingCompletedV1 } from './profiling-completed.v1.js';
import { servicePactSignedV1 } from './service-pact-signed.v1.js';
import { tirocinioEndedV1 } from './tirocinio-ended.v1.js';
import { tirocinioStartedV1 } from './tirocinio-started.v1.js';
import { trainingCompletedV1 } from './training-completed.v1.js';
import { trainingCompletedV2 } from './training-completed.v2.js';
import { trainingEnrolledV1 } from './training-enrolled.v1.js';
import { tirocinioPlacementRequestedV1 } from './tirocinio-placement-requested.v1.js';

/** The latest version of every employment-centre event type. */
export const employmentCentreEvents = [
  employmentReferralReceivedV1,
  didRegisteredV1,
  profilingCompletedV1,
  servicePactSignedV1,
  trainingEnrolledV1,
  trainingCompletedV2,
  tirocinioStartedV1,
  tirocinioEndedV1,
  jobOfferRespondedV1,
  employmentStartedV1,
  tirocinioPlacementRequestedV1,
] as const;

/** TrainingCompleted v2 changed only its classification (docs/data-classification.md): v1 data is v2 data as it is. */
export const employmentCentreUpcasters: readonly Upcaster[] = [unchangedData(trainingCompletedV1)];
