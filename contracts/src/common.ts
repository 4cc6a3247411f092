import { z } from 'zod';

/** The kinds of agency that take part in a pathway; each may emit only its own event types. */
export const agencyKinds = ['social-services', 'employment-centre', 'health-services', 'third-sector', 'programme'] as const;
export type AgencyKind = (typeof agencyKinds)[number];

/** GDPR classification of a data field: none, personal (art. 4) or special-category (art. 9). */
export type Classification = 'none' | 'personal' | 'special-category';

/**
 * The JSON Schema keyword that carries a field's classification. An `x-`
 * extension, so that strict validators (ajv) and OpenAPI 3.1 tools accept it;
 * snapshots published before it spell it `classification` (ADR 4).
 */
export const classificationKeyword = 'x-classification';

/** Attaches a data-protection classification to a field; consumers read it from the schema (`x-classification`). */
export function classified<S extends z.ZodType>(schema: S, classification: Classification): S {
  return schema.meta({ [classificationKeyword]: classification }) as S;
}

/**
 * A codice fiscale anywhere in a text, in either case: 6 letters (surname,
 * name), year, month letter, day (+40 for women), 4-character place code and a
 * check letter, with the digits that omocodia replaces by letters (L–V).
 */
const fiscalCodeInside = /[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]/i;

/** True when `value` holds a codice fiscale, alone or inside a longer text (`P-RSSMRA85T10A562S`). */
export function containsFiscalCode(value: string): boolean {
  return fiscalCodeInside.test(value);
}

/**
 * The rule every reference to a person or household obeys: only pseudonymous
 * references enter the hub, so a value holding a codice fiscale is refused
 * (rule `not-fiscal-code`), wherever it sits in the value.
 */
export function pseudonymous<S extends z.ZodType<string>>(schema: S): S {
  return schema.refine((value) => !containsFiscalCode(value), {
    message: 'must be a pseudonymous reference, not containing a codice fiscale',
    params: { rule: 'not-fiscal-code' },
  }) as unknown as S;
}

/**
 * A pseudonymous reference to a person, issued by the Ambito's system. Never a
 * codice fiscale, nor a text containing one.
 */
export const personRef = pseudonymous(
  z
    .string()
    .min(4)
    .max(64)
    .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only'),
);

/** A pseudonymous reference to a household (nucleo familiare), e.g. `H-SSG-2026-0042`; never holding a codice fiscale. */
export const householdRef = pseudonymous(z.string().min(1).max(64));

/**
 * A field that names another person (a household member, a beneficiary) by
 * their pseudonymous reference: personal, and marked `x-person-reference` so
 * the store seals it under that person's key as well as the subject's; it is
 * erased when either is forgotten (docs/data-classification.md).
 */
export const referenceToPerson = personRef.meta({ [classificationKeyword]: 'personal', 'x-person-reference': true });

/** The JSON Schema keyword that marks a reference to another person (a boolean annotation). */
export const personReferenceKeyword = 'x-person-reference';

/**
 * The hub's annotation keywords outside JSON Schema 2020-12. A strict
 * validator declares them once, e.g. with ajv:
 * `schemaExtensions.forEach((k) => ajv.addKeyword(k))`.
 */
export const schemaExtensions = [
  { keyword: classificationKeyword, schemaType: 'string' },
  { keyword: personReferenceKeyword, schemaType: 'boolean' },
] as const;

/** An Ambito territoriale's code, e.g. `LOM-SESTO-SAN-GIOVANNI`. */
export const ambitoCode = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[A-Z0-9][A-Z0-9-]*$/, 'upper-case letters, digits and dashes');

export const caseId = z.uuid();
export const isoDate = z.iso.date();
export const isoDateTime = z.iso.datetime({ offset: true });

/** Codice Unico di Progetto: exactly 15 upper-case letters and digits, e.g. `J41B16000290006`. */
export const cup = z.string().length(15).regex(/^[A-Z0-9]*$/, 'upper-case letters and digits only');

/** A funded operation's code as its funder writes it, e.g. `AV3-2016-LOM-79`; opaque to the hub. */
export const projectCode = z.string().min(1).max(60).regex(/^\S(?:.*\S)?$/, 'no leading or trailing spaces');

/**
 * Money, everywhere in the hub: an integer number of euro cents (EUR 227,424.00
 * is `22742400`), so sums are exact; at most one billion euro.
 */
export const euroCents = z.int().min(0).max(100_000_000_000);

/** A positive number of hours, in quarter hours, up to `max`. */
export function hours(max: number) {
  return z.number().positive().max(max).multipleOf(0.25);
}

/** Hours actually attended: like `hours`, but zero is a valid answer. */
export function attendedHours(max: number) {
  return z.number().min(0).max(max).multipleOf(0.25);
}

/** An organisation's id in the hub, shaped like the agency id of a CloudEvents source: `coop-lotta`, `afol-metropolitana`. */
export const organisationId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes');

/** A reference to a document held by the emitting agency (protocol number, file id); never the document itself. */
export const documentRef = z.string().min(1).max(200);

/** An operator (case manager, tutor, educator) as the agency's own staff id, e.g. `op-sesto-017`. */
export const operatorRef = z.string().min(1).max(120);
