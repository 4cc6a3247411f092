import { z } from 'zod';

/** Income-support measures: ADI and SFL since 2024; RdC and REI before them; LOCAL for an Ambito's own schemes. */
export const measures = ['ADI', 'SFL', 'RdC', 'REI', 'LOCAL'] as const;

/** Whether a person came to an appointment they were called to; an unjustified absence can cost the benefit. */
export const attendanceOutcomes = ['present', 'justified-absence', 'unjustified-absence'] as const;

/** Supports a Patto per l'inclusione sociale can provide (the values of `PactSigned.supports`). */
export const pactSupports = [
  'tirocinio',
  'training',
  'puc',
  'educativa-domiciliare',
  'mediation',
  'parenting-support',
  'borsa-lavoro',
] as const;

/** Labour-market status as the ESF common output indicators count it (EECO02-EECO05). */
export const labourStatuses = ['unemployed', 'long-term-unemployed', 'inactive', 'employed'] as const;

/** ISCED 2011 level of the highest education completed: 0 (none or early childhood) to 8 (doctorate). */
export const iscedLevel = z.int().min(0).max(8);

/** European Qualifications Framework level, 1 to 8. */
export const eqfLevel = z.int().min(1).max(8);

/** Employment contract types, as the comunicazioni obbligatorie distinguish them. */
export const contractTypes = [
  'permanent',
  'fixed-term',
  'apprenticeship',
  'temporary-agency',
  'seasonal',
  'intermittent',
  'self-employment',
] as const;

/** Categories of specialist health service: CPS (mental health), SerD/NOA (addictions), UOMPIA (child neuropsychiatry). */
export const specialistServiceCategories = ['mental-health', 'addictions', 'child-neuropsychiatry'] as const;

/** What a recorded consent lets health services share, item by item. */
export const consentScopes = ['service-category', 'care-path-status', 'activity-fitness'] as const;
