import type { EventType } from './catalogue.js';
import type { BoundedContext } from './define-event.js';

/**
 * A service that consumes the hub's events from Kafka: its consumer group,
 * the context topics it subscribes to and the event types it handles (others
 * on those topics are skipped). What it cannot process goes to its
 * dead-letter topic, `<prefix>.dlq.<group>`.
 */
export interface ConsumerDeclaration {
  readonly service: string;
  /** The consumer group by default (`KAFKA_GROUP_ID` overrides it). */
  readonly groupId: string;
  readonly description: string;
  /** The bounded contexts whose topics it subscribes to. */
  readonly contexts: readonly BoundedContext[];
  /** The event types it acts on, each on one of `contexts`. */
  readonly handles: readonly EventType[];
}

/**
 * Every consuming service of the hub, the single source for the AsyncAPI
 * document's `receive` operations and dead-letter channels; each service's
 * tests check that its handlers match its entry.
 */
export const consumers = [
  {
    service: 'employment-centre',
    groupId: 'employment-centre',
    description:
      'The employment centre (CPI) reacts to assessments that refer the person to it (EmploymentReferralReceived) and to ' +
      'pacts with a tirocinio among their supports (TirocinioPlacementRequested), each recorded on its own stream with an ' +
      'id derived from the cause’s, so a redelivery decides nothing.',
    contexts: ['social-services'],
    handles: ['AssessmentCompleted', 'PactSigned'],
  },
  {
    service: 'social-services',
    groupId: 'social-services',
    description:
      'The social services react to an employment started at the CPI: the case records a ConditionalityUpdated ' +
      '(the activation obligations are suspended while the person works), with an id derived from the employment’s event.',
    contexts: ['employment-centre'],
    handles: ['EmploymentStarted'],
  },
  {
    service: 'third-sector',
    groupId: 'third-sector',
    description:
      'A third-sector partner takes in each support the social service activated with it as provider: it records a ' +
      'ServiceDeliveryExpected on its stream of the case, with an id derived from the support’s event.',
    contexts: ['social-services'],
    handles: ['SupportActivated'],
  },
  {
    service: 'read-models',
    groupId: 'read-models',
    description:
      'The read models keep one summary per case (status, last event, agencies involved) and its pathway across the agencies ' +
      '(stage reached, each step with its dates; never the health services’ steps) for operators, storing each processed event id ' +
      'with the change so a redelivery applies nothing twice.',
    contexts: ['social-services', 'employment-centre', 'third-sector', 'programme'],
    handles: [
      'CaseOpened',
      'BeneficiaryReferralReceived',
      'FirstAppointmentHeld',
      'CaseTakenInCharge',
      'PreliminaryAnalysisCompleted',
      'EEMMConvened',
      'AssessmentCompleted',
      'PactSigned',
      'PactRevised',
      'SupportActivated',
      'PUCAssigned',
      'PUCAttendanceRecorded',
      'PeriodicCheckCompleted',
      'ConditionalityBreachReported',
      'ConditionalityUpdated',
      'DeadlineMissed',
      'CaseClosed',
      'EmploymentReferralReceived',
      'DIDRegistered',
      'ProfilingCompleted',
      'ServicePactSigned',
      'TirocinioPlacementRequested',
      'TrainingEnrolled',
      'TrainingCompleted',
      'TirocinioStarted',
      'TirocinioEnded',
      'JobOfferResponded',
      'EmploymentStarted',
      'ServiceDeliveryExpected',
      'ServiceDeliveryStarted',
      'AttendanceRecorded',
      'ParticipantExitRecorded',
      'ParticipantEnrolledInOperation',
      'ParticipantLeftOperation',
      'SituationUponLeaving',
      'SixMonthFollowUpRecorded',
    ],
  },
] as const satisfies readonly ConsumerDeclaration[];

export type ConsumingService = (typeof consumers)[number]['service'];

/** The registry entry of a consuming service. */
export function consumerOf(service: ConsumingService): ConsumerDeclaration {
  const found = consumers.find((c) => c.service === service);
  if (!found) throw new Error(`no consumer declaration for ${service}`);
  return found;
}

/** The dead-letter topic of a consumer group: `<prefix>.dlq.<group>`. */
export function deadLetterTopicOf(groupId: string, prefix = 'traiettorie'): string {
  return `${prefix}.dlq.${groupId}`;
}

/** Kafka headers a consumer adds to a message it sets aside, next to the original headers. */
export const deadLetterHeaders = ['dlq_reason', 'dlq_source_topic', 'dlq_source_partition', 'dlq_source_offset', 'dlq_consumer_group'] as const;

/** Kafka headers the relay adds to every event it publishes; consumers set aside a message without a valid signature. */
export const relaySignatureHeaders = ['traiettorie_signature', 'traiettorie_keyid', 'traiettorie_position'] as const;

/** The dead-letter reason code of a message whose relay signature is missing or invalid. */
export const notFromRelayCode = 'not-from-relay';
