/**
 * INTERIM, until `@traiettorie/social-services/recorders` exists (issue 11,
 * written on another branch): recorders for the social services' four
 * commands of today, built on their deciders. The social-services package
 * exports no entry yet, so the deciders are imported from its build output
 * by relative path; `../recorders.ts` switches to the package's export.
 */
import { recorder, type EventRecorder } from '@traiettorie/command-handling';
import type { HubEvent } from '@traiettorie/contracts';
import { caseStream } from '../../../social-services/dist/case/case.state.js';
import { closeCaseDecider } from '../../../social-services/dist/close-case/close-case.decider.js';
import { completeAssessmentDecider } from '../../../social-services/dist/complete-assessment/complete-assessment.decider.js';
import { openCaseDecider } from '../../../social-services/dist/open-case/open-case.decider.js';
import { signPactDecider } from '../../../social-services/dist/sign-pact/sign-pact.decider.js';

const onCase = (event: HubEvent) => caseStream(event.subject);

export const socialServicesRecorders: readonly EventRecorder[] = [
  recorder({
    type: 'CaseOpened',
    decider: openCaseDecider,
    stream: onCase,
    usuallyOpensStream: true,
    command: (event) => ({
      type: 'OpenCase',
      caseId: event.subject,
      ambito: event.ambito,
      personRef: event.personref,
      legalBasis: event.legalbasis,
      data: (event as HubEvent<'CaseOpened'>).data,
    }),
  }),
  recorder({
    type: 'AssessmentCompleted',
    decider: completeAssessmentDecider,
    stream: onCase,
    command: (event) => ({ type: 'CompleteAssessment', caseId: event.subject, data: (event as HubEvent<'AssessmentCompleted'>).data }),
  }),
  recorder({
    type: 'PactSigned',
    decider: signPactDecider,
    stream: onCase,
    command: (event) => ({ type: 'SignPact', caseId: event.subject, data: (event as HubEvent<'PactSigned'>).data }),
  }),
  recorder({
    type: 'CaseClosed',
    decider: closeCaseDecider,
    stream: onCase,
    command: (event) => ({ type: 'CloseCase', caseId: event.subject, data: (event as HubEvent<'CaseClosed'>).data }),
  }),
];
