import { z } from 'zod';

/** The kinds of agency that take part in a pathway; each may emit only its own event types. */
export const agencyKinds = ['social-services', 'employment-centre', 'health-services', 'third-sector', 'programme'] as const;
export type AgencyKind = (typeof agencyKinds)[number];

/** GDPR classification of a data field: none, personal (art. 4) or special-category (art. 9). */
export type Classification = 'none' | 'personal' | 'special-category';

/** Attaches a data-protection classification to a field; consumers read it from the schema. */
export function classified<S extends z.ZodType>(schema: S, classification: Classification): S {
  return schema.meta({ classification }) as S;
}

const fiscalCode = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/i;

/**
 * A pseudonymous reference to a person, issued by the Ambito's system. Never a
 * codice fiscale: a value shaped like one is refused.
 */
export const personRef = z
  .string()
  .min(4)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only')
  .refine((value) => !fiscalCode.test(value), {
    message: 'must be a pseudonymous reference, not a codice fiscale',
    params: { rule: 'not-fiscal-code' },
  });

/** An Ambito territoriale's code, e.g. `LOM-SESTO-SAN-GIOVANNI`. */
export const ambitoCode = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[A-Z0-9][A-Z0-9-]*$/, 'upper-case letters, digits and dashes');

export const caseId = z.uuid();
export const isoDate = z.iso.date();
export const isoDateTime = z.iso.datetime({ offset: true });
