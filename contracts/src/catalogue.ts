import type { z } from 'zod';
import { anonymityIssues } from './anonymity.js';
import { agencyKindOf, cloudEventAttributes, type CloudEvent } from './cloud-event.js';
import type { BoundedContext, EventDefinition } from './define-event.js';
import { dataSchemaOf } from './define-event.js';
import { ForbiddenError, ValidationError } from './errors.js';
import { employmentReferralReceivedV1 } from './employment-centre/employment-referral-received.v1.js';
import { assessmentCompletedV1 } from './social-services/assessment-completed.v1.js';
import { assessmentCompletedV2 } from './social-services/assessment-completed.v2.js';
import { caseOpenedV1 } from './social-services/case-opened.v1.js';
import { pactSignedV1 } from './social-services/pact-signed.v1.js';
import { pactSignedV2 } from './social-services/pact-signed.v2.js';
import { beneficiaryReferralReceivedV1 } from './social-services/beneficiary-referral-received.v1.js';
import { firstAppointmentHeldV1 } from './social-services/first-appointment-held.v1.js';
import { caseTakenInChargeV1 } from './social-services/case-taken-in-charge.v1.js';
import { preliminaryAnalysisCompletedV1 } from './social-services/preliminary-analysis-completed.v1.js';
import { preliminaryAnalysisCompletedV2 } from './social-services/preliminary-analysis-completed.v2.js';
import { eemmConvenedV1 } from './social-services/eemm-convened.v1.js';
import { pactRevisedV1 } from './social-services/pact-revised.v1.js';
import { pactRevisedV2 } from './social-services/pact-revised.v2.js';
import { periodicCheckCompletedV1 } from './social-services/periodic-check-completed.v1.js';
import { conditionalityBreachReportedV1 } from './social-services/conditionality-breach-reported.v1.js';
import { conditionalityBreachReportedV2 } from './social-services/conditionality-breach-reported.v2.js';
import { supportActivatedV1 } from './social-services/support-activated.v1.js';
import { supportActivatedV2 } from './social-services/support-activated.v2.js';
import { pucAssignedV1 } from './social-services/puc-assigned.v1.js';
import { pucAssignedV2 } from './social-services/puc-assigned.v2.js';
import { pucAttendanceRecordedV1 } from './social-services/puc-attendance-recorded.v1.js';
import { pucAttendanceRecordedV2 } from './social-services/puc-attendance-recorded.v2.js';
import { caseClosedV1 } from './social-services/case-closed.v1.js';
import { didRegisteredV1 } from './employment-centre/did-registered.v1.js';
import { profilingCompletedV1 } from './employment-centre/profiling-completed.v1.js';
import { servicePactSignedV1 } from './employment-centre/service-pact-signed.v1.js';
import { trainingEnrolledV1 } from './employment-centre/training-enrolled.v1.js';
import { trainingCompletedV1 } from './employment-centre/training-completed.v1.js';
import { trainingCompletedV2 } from './employment-centre/training-completed.v2.js';
import { tirocinioStartedV1 } from './employment-centre/tirocinio-started.v1.js';
import { tirocinioEndedV1 } from './employment-centre/tirocinio-ended.v1.js';
import { jobOfferRespondedV1 } from './employment-centre/job-offer-responded.v1.js';
import { employmentStartedV1 } from './employment-centre/employment-started.v1.js';
import { specialistServiceInvolvedV1 } from './health-services/specialist-service-involved.v1.js';
import { specialistServiceInvolvedV2 } from './health-services/specialist-service-involved.v2.js';
import { activityFitnessAssessedV1 } from './health-services/activity-fitness-assessed.v1.js';
import { carePathStatusChangedV1 } from './health-services/care-path-status-changed.v1.js';
import { consentRecordedV1 } from './health-services/consent-recorded.v1.js';
import { consentWithdrawnV1 } from './health-services/consent-withdrawn.v1.js';
import { serviceDeliveryStartedV1 } from './third-sector/service-delivery-started.v1.js';
import { attendanceRecordedV1 } from './third-sector/attendance-recorded.v1.js';
import { participantExitRecordedV1 } from './third-sector/participant-exit-recorded.v1.js';
import { participantEnrolledInOperationV1 } from './programme/participant-enrolled-in-operation.v1.js';
import { sixMonthFollowUpRecordedV1 } from './programme/six-month-follow-up-recorded.v1.js';
import { expenditureDeclaredV1 } from './programme/expenditure-declared.v1.js';
import { operationClosedV1 } from './programme/operation-closed.v1.js';
import { toValidationIssues } from './validation.js';

/** Every event version the hub knows (the latest version of each type). */
export const catalogue = [
  caseOpenedV1,
  assessmentCompletedV2,
  pactSignedV2,
  employmentReferralReceivedV1,
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
  didRegisteredV1,
  profilingCompletedV1,
  servicePactSignedV1,
  trainingEnrolledV1,
  trainingCompletedV2,
  tirocinioStartedV1,
  tirocinioEndedV1,
  jobOfferRespondedV1,
  employmentStartedV1,
  specialistServiceInvolvedV2,
  activityFitnessAssessedV1,
  carePathStatusChangedV1,
  consentRecordedV1,
  consentWithdrawnV1,
  serviceDeliveryStartedV1,
  attendanceRecordedV1,
  participantExitRecordedV1,
  participantEnrolledInOperationV1,
  sixMonthFollowUpRecordedV1,
  expenditureDeclaredV1,
  operationClosedV1,
] as const;

type Definition = (typeof catalogue)[number];
export type EventType = Definition['type'];
type DefinitionOf<T extends EventType> = Extract<Definition, { type: T }>;
export type EventData<T extends EventType> = z.output<DefinitionOf<T>['data']>;
export type HubEvent<T extends EventType = EventType> = { [K in T]: CloudEvent<K, EventData<K>> }[T];

const byType = new Map<string, EventDefinition>(catalogue.map((d) => [d.type, d]));

export function isEventType(type: string): type is EventType {
  return byType.has(type);
}

export function definitionOf<T extends EventType>(type: T): DefinitionOf<T>;
export function definitionOf(type: string): EventDefinition;
export function definitionOf(type: string): EventDefinition {
  const definition = byType.get(type);
  if (!definition) {
    throw new ValidationError([{ path: 'type', rule: 'known-event-type', message: `unknown event type "${type}"` }], 'event');
  }
  return definition;
}

/**
 * An older version of an event type and how to lift its data one version up.
 * Older versions stay readable forever: stored events and messages in flight
 * are upcast on parse, so consumers only ever see the latest version.
 */
export interface Upcaster {
  /** The older version's definition; its schema validates the old data. */
  readonly from: EventDefinition;
  /** Data of `from.version` → data of `from.version + 1`. Pure. */
  upcast(data: unknown): unknown;
}

/**
 * Upcasters of every older event version: a v2 adds its v1 definition here
 * with the function that lifts v1 data. The v2s below changed only their
 * classification (docs/data-classification.md): v1 data is v2 data as it is.
 */
export const upcasters: readonly Upcaster[] = [
  { from: pactSignedV1, upcast: (data) => data },
  { from: pactRevisedV1, upcast: (data) => data },
  { from: assessmentCompletedV1, upcast: (data) => data },
  { from: preliminaryAnalysisCompletedV1, upcast: (data) => data },
  { from: pucAssignedV1, upcast: (data) => data },
  { from: pucAttendanceRecordedV1, upcast: (data) => data },
  { from: conditionalityBreachReportedV1, upcast: (data) => data },
  { from: supportActivatedV1, upcast: (data) => data },
  { from: trainingCompletedV1, upcast: (data) => data },
  { from: specialistServiceInvolvedV1, upcast: (data) => data },
];

/**
 * Builds a CloudEvent parser over a set of latest definitions and the
 * upcasters of their older versions. It validates the envelope, the data
 * against the schema of the version the event declares (`dataschema`), lifts
 * older data to the latest version, checks that `personref` is anonymous
 * exactly when the data says so, and that the emitting agency kind may emit
 * the type. Throws ValidationError (data paths prefixed `data.`) or ForbiddenError.
 */
export function createEventParser(definitions: readonly EventDefinition[], olderVersions: readonly Upcaster[]) {
  const latest = new Map<string, EventDefinition>(definitions.map((d) => [d.type, d]));
  const older = new Map(olderVersions.map((u) => [dataSchemaOf(u.from), u]));

  return function parse(input: unknown): HubEvent {
    const { data, ...attributes } = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
    const definition = typeof attributes['type'] === 'string' ? latest.get(attributes['type']) : undefined;
    const declared = typeof attributes['dataschema'] === 'string' ? older.get(attributes['dataschema']) : undefined;
    const upcasting = definition && declared && declared.from.type === definition.type ? declared : undefined;
    const envelope = cloudEventAttributes.safeParse(
      upcasting && definition ? { ...attributes, dataschema: dataSchemaOf(definition) } : attributes,
      { reportInput: true },
    );
    const issues = envelope.success ? [] : toValidationIssues(envelope.error.issues);
    if (!definition) {
      issues.push({ path: 'type', rule: 'known-event-type', message: `unknown event type "${String(attributes['type'])}"` });
      throw new ValidationError(issues, 'event');
    }
    const parsedData = upcasting ? liftToLatest(upcasting, data, definition, older) : definition.data.safeParse(data, { reportInput: true });
    if (!parsedData.success) {
      issues.push(...toValidationIssues(parsedData.error.issues).map((i) => ({ ...i, path: joinPath('data', i.path) })));
    }
    if (!upcasting && attributes['dataschema'] !== dataSchemaOf(definition)) {
      issues.push({
        path: 'dataschema',
        rule: 'matches-type-version',
        message: `must be ${dataSchemaOf(definition)} or an older version of ${definition.type}`,
        expected: dataSchemaOf(definition),
      });
    }
    if (envelope.success && envelope.data.partitionkey !== undefined && envelope.data.partitionkey !== envelope.data.subject) {
      issues.push({
        path: 'partitionkey',
        rule: 'equals-subject',
        message: "must be the case id (subject): one case's events share one partition",
      });
    }
    if (envelope.success && parsedData.success) issues.push(...anonymityIssues(envelope.data.personref, parsedData.data));
    if (issues.length > 0 || !envelope.success || !parsedData.success) throw new ValidationError(issues, 'event');
    const kind = agencyKindOf(envelope.data.source);
    if (!kind || !definition.emitters.includes(kind)) {
      throw new ForbiddenError(`${envelope.data.source} may not emit ${definition.type}: only ${definition.emitters.join(', ')}`);
    }
    return { ...envelope.data, data: parsedData.data } as HubEvent;
  };
}

/** Validates old data with its own version's schema, then lifts it version by version and validates the result. */
function liftToLatest(
  first: Upcaster,
  data: unknown,
  definition: EventDefinition,
  older: ReadonlyMap<string, Upcaster>,
): ReturnType<z.ZodType['safeParse']> {
  let step: Upcaster | undefined = first;
  let current = data;
  while (step) {
    const parsed = step.from.data.safeParse(current, { reportInput: true });
    if (!parsed.success) return parsed;
    current = step.upcast(parsed.data);
    step = older.get(dataSchemaOf({ type: definition.type, version: step.from.version + 1 }));
  }
  return definition.data.safeParse(current, { reportInput: true });
}

/** Validates a CloudEvent of the hub's catalogue; see `createEventParser`. */
export const parseEvent = createEventParser(catalogue, upcasters);

function joinPath(prefix: string, path: string): string {
  return path ? `${prefix}.${path}` : prefix;
}

/** The Kafka topic of a bounded context, e.g. `traiettorie.social-services`. */
export function topicOf(context: BoundedContext, prefix = 'traiettorie'): string {
  return `${prefix}.${context}`;
}

/** The topic an event type travels on. */
export function topicOfType(type: string, prefix?: string): string {
  return topicOf(definitionOf(type).context, prefix);
}
