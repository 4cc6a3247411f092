import type { z } from 'zod';
import { agencyKindOf, cloudEventAttributes, type CloudEvent } from './cloud-event.js';
import type { BoundedContext, EventDefinition } from './define-event.js';
import { dataSchemaOf } from './define-event.js';
import { ForbiddenError, ValidationError } from './errors.js';
import { employmentReferralReceivedV1 } from './employment-centre/employment-referral-received.v1.js';
import { assessmentCompletedV1 } from './social-services/assessment-completed.v1.js';
import { caseOpenedV1 } from './social-services/case-opened.v1.js';
import { pactSignedV1 } from './social-services/pact-signed.v1.js';
import { toValidationIssues } from './validation.js';

/** Every event version the hub knows (the latest version of each type). */
export const catalogue = [caseOpenedV1, assessmentCompletedV1, pactSignedV1, employmentReferralReceivedV1] as const;

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
 * Validates a whole CloudEvent: envelope, data against the type's schema, and
 * that the emitting agency kind may emit this type. Throws ValidationError
 * (paths prefixed `data.` for data fields) or ForbiddenError.
 */
export function parseEvent(input: unknown): HubEvent {
  const { data, ...attributes } = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const envelope = cloudEventAttributes.safeParse(attributes);
  const issues = envelope.success ? [] : toValidationIssues(envelope.error.issues);
  const definition = typeof attributes['type'] === 'string' ? byType.get(attributes['type']) : undefined;
  if (!definition) {
    issues.push({ path: 'type', rule: 'known-event-type', message: `unknown event type "${String(attributes['type'])}"` });
    throw new ValidationError(issues, 'event');
  }
  const parsedData = definition.data.safeParse(data);
  if (!parsedData.success) {
    issues.push(...toValidationIssues(parsedData.error.issues).map((i) => ({ ...i, path: joinPath('data', i.path) })));
  }
  if (attributes['dataschema'] !== dataSchemaOf(definition)) {
    issues.push({
      path: 'dataschema',
      rule: 'matches-type-version',
      message: `must be ${dataSchemaOf(definition)}`,
      expected: dataSchemaOf(definition),
    });
  }
  if (issues.length > 0 || !envelope.success || !parsedData.success) throw new ValidationError(issues, 'event');
  const kind = agencyKindOf(envelope.data.source);
  if (!kind || !definition.emitters.includes(kind)) {
    throw new ForbiddenError(`${envelope.data.source} may not emit ${definition.type}: only ${definition.emitters.join(', ')}`);
  }
  return { ...envelope.data, data: parsedData.data } as HubEvent;
}

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
