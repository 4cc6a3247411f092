/**
 * The health services' events. A new event type is its definition file plus
 * its line in `healthServicesEvents`; a new version replaces the older one
 * there and adds the older one's upcaster to `healthServicesUpcasters`.
 */
import { unchangedData, type Upcaster } from '../upcasting.js';
import { activityFitnessAssessedV1 } from './activity-fitness-assessed.v1.js';
import { carePathStatusChangedV1 } from './care-path-status-changed.v1.js';
import { consentRecordedV1 } from './consent-recorded.v1.js';
import { consentWithdrawnV1 } from './consent-withdrawn.v1.js';
import { specialistServiceInvolvedV1 } from './specialist-service-involved.v1.js';
import { specialistServiceInvolvedV2 } from './specialist-service-involved.v2.js';

/** The latest version of every health-services event type. */
export const healthServicesEvents = [
  specialistServiceInvolvedV2,
  activityFitnessAssessedV1,
  carePathStatusChangedV1,
  consentRecordedV1,
  consentWithdrawnV1,
] as const;

/** SpecialistServiceInvolved v2 changed only its classification (docs/data-classification.md): v1 data is v2 data as it is. */
export const healthServicesUpcasters: readonly Upcaster[] = [unchangedData(specialistServiceInvolvedV1)];
