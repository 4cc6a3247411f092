import { consumerOf } from '@traiettorie/contracts';
import type { ServiceDefinition } from '@traiettorie/nest-kit';
import { ActivateSupportController } from './activate-support/activate-support.controller.js';
import { AssignPucController } from './assign-puc/assign-puc.controller.js';
import { CaseHistoryController } from './case-history/case-history.controller.js';
import { CloseCaseController } from './close-case/close-case.controller.js';
import { CompleteAssessmentController } from './complete-assessment/complete-assessment.controller.js';
import { CompletePeriodicCheckController } from './complete-periodic-check/complete-periodic-check.controller.js';
import { CompletePreliminaryAnalysisController } from './complete-preliminary-analysis/complete-preliminary-analysis.controller.js';
import { ConveneEemmController } from './convene-eemm/convene-eemm.controller.js';
import { LearnOfEmploymentListener } from './learn-of-employment/learn-of-employment.listener.js';
import { OpenCaseController } from './open-case/open-case.controller.js';
import { ReceiveBeneficiaryReferralController } from './receive-beneficiary-referral/receive-beneficiary-referral.controller.js';
import { RecordFirstAppointmentController } from './record-first-appointment/record-first-appointment.controller.js';
import { RecordPucAttendanceController } from './record-puc-attendance/record-puc-attendance.controller.js';
import { ReportConditionalityBreachController } from './report-conditionality-breach/report-conditionality-breach.controller.js';
import { RevisePactController } from './revise-pact/revise-pact.controller.js';
import { SignPactController } from './sign-pact/sign-pact.controller.js';
import { TakeInChargeController } from './take-in-charge/take-in-charge.controller.js';
import { UpdateConditionalityController } from './update-conditionality/update-conditionality.controller.js';

/**
 * The municipal social services: one folder per command, each with its rule,
 * its request, its route and its test. The routes are listed in the pathway's
 * order, which is the order of the OpenAPI document: each route's example
 * succeeds when the examples are sent in that order on a new case.
 */
export const socialServices = {
  name: 'social-services',
  description:
    "Municipal social services: the pathway of a case from the referral to its closure — first appointment, presa in carico, preliminary analysis, EEMM, assessment, Patto per l'inclusione and its revisions, supports, PUC, periodic checks, conditionality (also updated on its own when the employment centre records an employment).",
  defaultPort: 3001,
  /** This social service's id within its kind (AGENCY_ID), e.g. the Ambito's office. */
  agency: { kind: 'social-services', defaultId: 'ambito-sesto-san-giovanni' },
  controllers: [
    OpenCaseController,
    ReceiveBeneficiaryReferralController,
    RecordFirstAppointmentController,
    TakeInChargeController,
    CompletePreliminaryAnalysisController,
    ConveneEemmController,
    CompleteAssessmentController,
    SignPactController,
    RevisePactController,
    ActivateSupportController,
    AssignPucController,
    RecordPucAttendanceController,
    CompletePeriodicCheckController,
    ReportConditionalityBreachController,
    UpdateConditionalityController,
    CloseCaseController,
    CaseHistoryController,
    LearnOfEmploymentListener,
  ],
  /** A policy: an employment the employment centre records suspends the case's conditionality (ConditionalityUpdated). */
  consumes: consumerOf('social-services'),
} satisfies ServiceDefinition;
