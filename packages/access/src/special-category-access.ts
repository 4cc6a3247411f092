import {
  classifiedFieldsOf,
  definitionOf,
  isEventType,
  type BoundedContext,
  type ClassifiedField,
  type consentScopes,
} from '@traiettorie/contracts';
import type { ClientKind } from './identity.js';

export type ConsentScope = (typeof consentScopes)[number];

/**
 * What each kind may see of the special-category fields (GDPR art. 9: health,
 * SerD, disability) of a case's events, the one table redaction reads:
 * - `sees`: the contexts whose special-category fields the kind always sees
 *   (its own records; the auditor every context);
 * - `underConsent`: the health items (ConsentRecorded `scope`) it may see when
 *   an active consent of the person names its kind and purpose.
 * Anything else is redacted as `not-for-this-kind`. The employment centre may
 * learn fitness for activation (what a tirocinio needs) under consent, never
 * which specialist service is involved nor the care path; the social service
 * learns all three under consent.
 */
export const specialCategoryAccess: Readonly<
  Record<ClientKind, { sees: 'every-context' | readonly BoundedContext[]; underConsent: readonly ConsentScope[] }>
> = {
  'social-services': { sees: ['social-services'], underConsent: ['service-category', 'care-path-status', 'activity-fitness'] },
  'employment-centre': { sees: ['employment-centre'], underConsent: ['activity-fitness'] },
  'health-services': { sees: ['health-services'], underConsent: [] },
  'third-sector': { sees: ['third-sector'], underConsent: ['activity-fitness'] },
  programme: { sees: ['programme'], underConsent: [] },
  funder: { sees: [], underConsent: [] },
  auditor: { sees: 'every-context', underConsent: [] },
};

/**
 * The consent item (ConsentRecorded `scope`) that covers the special-category
 * fields of each health-services event type. Every health event with such
 * fields must be here (a unit test checks it against the catalogue), else its
 * fields are shared with no one outside the health services.
 */
export const consentScopeOfHealthEvent: Readonly<Record<string, ConsentScope>> = {
  SpecialistServiceInvolved: 'service-category',
  CarePathStatusChanged: 'care-path-status',
  ActivityFitnessAssessed: 'activity-fitness',
};

/** How a reader may come to see one special-category field. */
export type FieldAccess = { kind: 'sees' } | { kind: 'under-consent'; scope: ConsentScope } | { kind: 'never' };

/** A special-category field of an event type, and how `reader` may see it. */
export interface SpecialCategoryField {
  field: ClassifiedField;
  access: FieldAccess;
}

/** The special-category fields of `type` (from its contract's `x-classification`) and how `reader` may see each. */
export function specialCategoryFieldsFor(reader: ClientKind, type: string): SpecialCategoryField[] {
  if (!isEventType(type)) return [];
  const definition = definitionOf(type);
  const rule = specialCategoryAccess[reader];
  return classifiedFieldsOf(definition)
    .filter((field) => field.classification === 'special-category')
    .map((field) => ({ field, access: accessTo(rule, definition.context, consentScopeOfHealthEvent[type]) }));
}

function accessTo(
  rule: (typeof specialCategoryAccess)[ClientKind],
  context: BoundedContext,
  scope: ConsentScope | undefined,
): FieldAccess {
  if (rule.sees === 'every-context' || rule.sees.includes(context)) return { kind: 'sees' };
  if (context === 'health-services' && scope !== undefined && rule.underConsent.includes(scope)) return { kind: 'under-consent', scope };
  return { kind: 'never' };
}
