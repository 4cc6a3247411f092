import type { ServiceDefinition } from '@traiettorie/nest-kit';
import { CaseHistoryController } from './case-history/case-history.controller.js';
import { CompleteAssessmentController } from './complete-assessment/complete-assessment.controller.js';
import { OpenCaseController } from './open-case/open-case.controller.js';
import { SignPactController } from './sign-pact/sign-pact.controller.js';
import { CloseCaseController } from './close-case/close-case.controller.js';

/** The municipal social services: one folder per command, each with its rule, its request, its route and its test. */
export const socialServices = {
  name: 'social-services',
  description: "Municipal social services: open a case, record the assessment, sign the Patto per l'inclusione, close the case.",
  defaultPort: 3001,
  /** This social service's id within its kind (AGENCY_ID), e.g. the Ambito's office. */
  agency: { kind: 'social-services', defaultId: 'ambito-sesto-san-giovanni' },
  controllers: [OpenCaseController, CompleteAssessmentController, SignPactController, CloseCaseController, CaseHistoryController],
} satisfies ServiceDefinition;
