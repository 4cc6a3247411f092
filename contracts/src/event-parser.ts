import { anonymityIssues } from './anonymity.js';
import { catalogue, upcasters, type HubEvent } from './catalogue.js';
import { agencyKindOf, cloudEventAttributes } from './cloud-event.js';
import { dataSchemaOf, type EventDefinition } from './define-event.js';
import { ForbiddenError, ValidationError } from './errors.js';
import { liftToLatest, upcastersBySchema, type Upcaster } from './upcasting.js';
import { toValidationIssues } from './validation.js';

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
  const older = upcastersBySchema(olderVersions);

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
      throw new ForbiddenError(`${envelope.data.source} may not emit ${definition.type}: only ${definition.emitters.join(', ')}`, 'emitter-not-allowed');
    }
    return { ...envelope.data, data: parsedData.data } as HubEvent;
  };
}

/** Validates a CloudEvent of the hub's catalogue; see `createEventParser`. */
export const parseEvent = createEventParser(catalogue, upcasters);

function joinPath(prefix: string, path: string): string {
  return path ? `${prefix}.${path}` : prefix;
}
