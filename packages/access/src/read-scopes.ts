import type { ClientKind } from './identity.js';

/**
 * What the services let a client read:
 * - `case-history`: a case's events across agencies (social-services, GET /cases/:id/events);
 * - `case-summary`: one case's summary (read-models, GET /cases/:id);
 * - `case-list`: the list of case summaries (read-models, GET /cases);
 * - `referral`: an employment referral and its list (employment-centre, GET /referrals[/:id]);
 * - `aggregates`: counts and sums with no case and no person in them;
 * - `company-registry`: the employment centre's employers and tirocinio hosts (GET /companies): companies, no person.
 */
export const readScopes = ['case-history', 'case-summary', 'case-list', 'referral', 'aggregates', 'company-registry'] as const;
export type ReadScope = (typeof readScopes)[number];

/** The scopes that show a case, hence a person: reading one is itself logged (`PersonalDataAccessed`). */
export const personalReadScopes: readonly ReadScope[] = ['case-history', 'case-summary', 'case-list', 'referral'];

/**
 * Which kinds may read each scope at all, before tenancy (their Ambiti) and
 * redaction (`specialCategoryAccess`) narrow it. A funder is in `aggregates`
 * only; the auditor is everywhere. A referral concerns the employment centre
 * that receives it and the social service that sends it; the company registry
 * those who place people in work (CPI, social services, third-sector partners).
 */
export const readersOf: Readonly<Record<ReadScope, readonly ClientKind[]>> = {
  'case-history': ['social-services', 'employment-centre', 'health-services', 'third-sector', 'programme', 'auditor'],
  'case-summary': ['social-services', 'employment-centre', 'health-services', 'third-sector', 'programme', 'auditor'],
  'case-list': ['social-services', 'employment-centre', 'health-services', 'third-sector', 'programme', 'auditor'],
  referral: ['employment-centre', 'social-services', 'auditor'],
  aggregates: ['social-services', 'employment-centre', 'health-services', 'third-sector', 'programme', 'funder', 'auditor'],
  'company-registry': ['employment-centre', 'social-services', 'third-sector', 'auditor'],
};
