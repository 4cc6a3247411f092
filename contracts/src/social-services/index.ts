/**
 * The social services' events. A new event type is its definition file plus
 * its line in `socialServicesEvents`; a new version replaces the older one
 * there and adds the older one's upcaster to `socialServicesUpcasters`.
 */
import { unchangedData, type Upcaster } from '../upcasting.js';
import { assessmentCompletedV1 } from './assessment-completed.v1.js';
import { assessmentCompletedV2 } from './assessment-completed.v2.js';
import { beneficiaryReferralReceivedV1 } from './beneficiary-referral-received.v1.js';
import { caseClosedV1 } from './case-closed.v1.js';
import { caseOpenedV1 } from './case-opened.v1.js';
import { caseTakenInChargeV1 } from './case-taken-in-charge.v1.js';
import { conditionalityBreachReportedV1 } from './conditionality-breach-reported.v1.js';
import { conditionalityBreachReportedV2 } from './conditionality-breach-reported.v2.js';
import { eemmConvenedV1 } from './eemm-convened.v1.js';
import { firstAppointmentHeldV1 } from './first-appointment-held.v1.js';
import { pactRevisedV1 } from './pact-revised.v1.js';
import { pactRevisedV2 } from './pact-revised.v2.js';
import { pactSignedV1 } from './pact-signed.v1.js';
import { pactSignedV2 } from './pact-signed.v2.js';
import { pactSignedV3 } from './pact-signed.v3.js';
import { deadlineMissedV1 } from './deadline-missed.v1.js';
import { conditionalityUpdatedV1 } from './conditionality-updated.v1.js';
import { personalDataAccessedV1 } from './personal-data-accessed.v1.js';
import { periodicCheckCompletedV1 } from './periodic-check-completed.v1.js';
import { preliminaryAnalysisCompletedV1 } from './preliminary-analysis-completed.v1.js';
import { preliminaryAnalysisCompletedV2 } from './preliminary-analysis-completed.v2.js';
import { pucAssignedV1 } from './puc-assigned.v1.js';
import { pucAssignedV2 } from './puc-assigned.v2.js';
import { pucAttendanceRecordedV1 } from './puc-attendance-recorded.v1.js';
import { pucAttendanceRecordedV2 } from './puc-attendance-recorded.v2.js';
import { supportActivatedV1 } from './support-activated.v1.js';
import { supportActivatedV2 } from './support-activated.v2.js';

/** The latest version of every social-services event type. */
export const socialServicesEvents = [
  caseOpenedV1,
  assessmentCompletedV2,
  pactSignedV3,
  beneficiaryReferralReceivedV1,
  firstAppointmentHeldV1,
  caseTakenInChargeV1,
  preliminaryAnalysisCompletedV2,
  eemmConvenedV1,
  pactRevisedV2,
  periodicCheckCompletedV1,
  conditionalityBreachReportedV2,
  supportActivatedV2,
  pucAssignedV2,
  pucAttendanceRecordedV2,
  caseClosedV1,
  personalDataAccessedV1,
  deadlineMissedV1,
  conditionalityUpdatedV1,
] as const;

/**
 * The v2s changed only their classification (docs/data-classification.md): v1 data is v2 data as it is.
 * PactSigned v3 added each bound member's commitments, which older pacts did not record: they are lifted with none.
 */
export const socialServicesUpcasters: readonly Upcaster[] = [
  unchangedData(pactSignedV1),
  { from: pactSignedV2, upcast: (data) => ({ ...(data as object), commitments: [] }) },
  unchangedData(pactRevisedV1),
  unchangedData(assessmentCompletedV1),
  unchangedData(preliminaryAnalysisCompletedV1),
  unchangedData(pucAssignedV1),
  unchangedData(pucAttendanceRecordedV1),
  unchangedData(conditionalityBreachReportedV1),
  unchangedData(supportActivatedV1),
];
