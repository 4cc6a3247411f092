import { isEventType, definitionOf } from './catalogue.js';
import { classifiedFieldsOf, personReferencesOf } from './classification.js';

/**
 * How the hub stores an event type's personal data, as the event store's
 * `personalData` option takes it: dot paths inside `data`.
 */
export interface StoragePolicy {
  /** The fields stored encrypted under the subject's key. */
  protectedPaths(eventType: string): readonly string[];
  /** The fields naming other persons (`*` for every item), sealed under their keys as well. */
  personReferencePaths(eventType: string): readonly string[];
}

/**
 * The hub's policy: the fields the contracts classify personal or
 * special-category are the ones stored encrypted, and the fields marked as
 * references to persons are sealed under those persons' keys too. No consumer
 * keeps a list of its own. The latest version's classification applies to
 * every stored event of a type, whatever version it was written in: a
 * classification only ever becomes stricter (docs/data-classification.md).
 * A type the catalogue does not know has no protected fields.
 */
export const catalogueClassification: StoragePolicy = {
  protectedPaths: (type) => (isEventType(type) ? classifiedFieldsOf(definitionOf(type)).map((field) => field.segments.join('.')) : []),
  personReferencePaths: (type) => (isEventType(type) ? personReferencesOf(definitionOf(type)).map((field) => field.segments.join('.')) : []),
};
