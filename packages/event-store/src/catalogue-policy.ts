import { classifiedFieldsOf, definitionOf, isEventType } from '@traiettorie/contracts';
import type { PersonalDataPolicy } from './personal-data.js';

/**
 * The hub's policy: the fields the contracts classify personal or
 * special-category are the ones stored encrypted. No consumer keeps a list of its own.
 */
export const catalogueClassification: PersonalDataPolicy = {
  protectedPaths: (type) => (isEventType(type) ? classifiedFieldsOf(definitionOf(type)).map((field) => field.segments.join('.')) : []),
};
