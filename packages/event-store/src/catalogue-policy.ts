import { classifiedFieldsOf, definitionOf, isEventType, personReferencesOf } from '@traiettorie/contracts';
import type { PersonalDataPolicy } from './personal-data.js';

/**
 * The hub's policy: the fields the contracts classify personal or
 * special-category are the ones stored encrypted, and the fields marked as
 * references to persons are sealed under those persons' keys too. No consumer
 * keeps a list of its own. The latest version's classification applies to
 * every stored event of a type, whatever version it was written in: a
 * classification only ever becomes stricter (docs/data-classification.md).
 */
export const catalogueClassification: PersonalDataPolicy = {
  protectedPaths: (type) => (isEventType(type) ? classifiedFieldsOf(definitionOf(type)).map((field) => field.segments.join('.')) : []),
  personReferencePaths: (type) => (isEventType(type) ? personReferencesOf(definitionOf(type)).map((field) => field.segments.join('.')) : []),
};
