import type { AgencyKind } from './common.js';

/**
 * Where each agency keeps its own record of a case in the event store: the
 * stream `<category>-<caseId>`. A case's whole history is the union of these
 * streams; an agency that starts writing about cases adds its category here.
 */
export const caseStreamCategories = {
  'social-services': 'case',
  'employment-centre': 'employment',
  /** The ASST's services (CPS, SerD…): consents and involvements; an anonymous SerD involvement never names a case. */
  'health-services': 'health',
  /** The third-sector partners' deliveries to the person. */
  'third-sector': 'delivery',
  /** The programme office's record of the person in funded operations. */
  'programme': 'participation',
} as const satisfies Partial<Record<AgencyKind, string>>;

export type CaseStreamAgency = keyof typeof caseStreamCategories;

/** The stream in which `agency` records the case, e.g. `case-<id>` for the social services. */
export function caseStreamOf(agency: CaseStreamAgency, caseId: string): string {
  return `${caseStreamCategories[agency]}-${caseId}`;
}

/** Every agency's stream for the case. */
export function caseStreamsOf(caseId: string): string[] {
  return (Object.keys(caseStreamCategories) as CaseStreamAgency[]).map((agency) => caseStreamOf(agency, caseId));
}
