import type { Company, Placement } from '../company-registry/company.request.js';
import { sectors, sectorsIn } from '../company-registry/sectors.js';
import { runningTirocinio, type EmploymentState } from '../employment/employment.state.js';
import { cpiOffices } from './cpi-offices.js';

/** A person the CPI may place in a tirocinio, and why: what the matching knows, never shown but as reasons. */
export interface ReadyPerson {
  caseId: string;
  personRef: string;
  ambito: string;
  /** The social services' pact asked for a tirocinio (TirocinioPlacementRequested). */
  requestedByPact: boolean;
  /** The PSP plans a tirocinio. */
  plannedInPsp: boolean;
  /** The Comune of the person's CPI of reference, when known. */
  cpiComune?: string;
  /** The titles of the person's qualifications (personal: only their sectors are used). */
  qualificationTitles: readonly string[];
}

/**
 * Whether a person's history at the CPI makes them ready for a tirocinio:
 * one was asked for (by a pact) or planned (by the PSP) and not yet answered
 * by a tirocinio that started (each pact's request, or the PSP's plan, is
 * answered by one), none is running, and they have not started work.
 */
export function readyPerson(caseId: string, state: EmploymentState): ReadyPerson | undefined {
  if (state.status !== 'referred') return undefined;
  const placementRequested = state.placementRequests.length > 0;
  const plannedInPsp = state.servicePact?.actions.includes('tirocinio') ?? false;
  const asked = Math.max(state.placementRequests.length, plannedInPsp ? 1 : 0);
  if (Object.keys(state.tirocini).length >= asked) return undefined;
  if (runningTirocinio(state) || state.employments.length > 0) return undefined;
  const office = state.cpiId === undefined ? undefined : cpiOffices[state.cpiId];
  return {
    caseId,
    personRef: state.personRef,
    ambito: state.ambito,
    requestedByPact: placementRequested,
    plannedInPsp,
    ...(office ? { cpiComune: office.comune } : {}),
    qualificationTitles: state.qualificationTitles,
  };
}

/** A ranked match: the person (by reference only), the placement, its score and why, in Italian. */
export interface TirocinioMatch {
  rank: number;
  caseId: string;
  personRef: string;
  placementId: string;
  companyId: string;
  companyName: string;
  comune: string;
  sector: Placement['sector'];
  sectorLabel: string;
  title: string;
  tirocinioType?: Placement['tirocinioType'];
  hoursPerWeek: number;
  score: number;
  reasons: string[];
  /** Whether a personal fact (a qualification's sector) went into the reasons: the read is logged as disclosing it. */
  usesQualification: boolean;
}

/** What each reason weighs: nearness first, then fit, then what makes a start possible now. */
export const weights = { sameComune: 3, sameAmbito: 1, sector: 3, inclusion: 2, plannedInPsp: 1, convention: 2, noRequirements: 1 } as const;

/**
 * Every ready person × every open tirocinio placement in reach (same
 * Ambito), scored and explained, best first; ties by the placement's age
 * (the oldest open one first), then by case and placement id.
 */
export function matchTirocini(people: readonly ReadyPerson[], companies: readonly Company[], options: { on: string; promoterId: string }): TirocinioMatch[] {
  const matches: Omit<TirocinioMatch, 'rank'>[] = [];
  for (const person of people) {
    const personSectors = new Set(person.qualificationTitles.flatMap(sectorsIn));
    for (const company of companies) {
      if (company.ambito !== person.ambito) continue;
      const convention = company.conventions.find((c) => c.promoterId === options.promoterId && c.validFrom <= options.on && options.on <= c.validUntil);
      for (const placement of company.placements) {
        if (placement.status !== 'open' || placement.kind !== 'tirocinio') continue;
        const reasons: string[] = [];
        let score = 0;
        const add = (weight: number, reason: string) => {
          score += weight;
          reasons.push(reason);
        };
        if (person.cpiComune !== undefined && person.cpiComune === company.comune) add(weights.sameComune, 'stesso Comune del CPI di riferimento');
        else add(weights.sameAmbito, 'stesso Ambito territoriale');
        const usesQualification = personSectors.has(placement.sector);
        if (usesQualification) add(weights.sector, 'settore coerente con il profilo (formazione completata)');
        if (person.requestedByPact && placement.tirocinioType === 'inclusione-sociale') add(weights.inclusion, "tirocinio di inclusione, come richiesto dal Patto per l'inclusione");
        if (person.plannedInPsp) add(weights.plannedInPsp, 'tirocinio previsto dal Patto di servizio (PSP)');
        if (convention) add(weights.convention, `convenzione in corso con il promotore (${convention.conventionRef})`);
        else reasons.push('convenzione con il promotore da stipulare o rinnovare');
        if (placement.requirements.length === 0) add(weights.noRequirements, 'nessun requisito specifico');
        else reasons.push(`requisiti da verificare: ${placement.requirements.join(', ')}`);
        matches.push({
          caseId: person.caseId,
          personRef: person.personRef,
          placementId: placement.placementId,
          companyId: company.companyId,
          companyName: company.name,
          comune: company.comune,
          sector: placement.sector,
          sectorLabel: sectors[placement.sector].label,
          title: placement.title,
          ...(placement.tirocinioType ? { tirocinioType: placement.tirocinioType } : {}),
          hoursPerWeek: placement.hoursPerWeek,
          score,
          reasons,
          usesQualification,
        });
      }
    }
  }
  const openedOn = new Map(companies.flatMap((c) => c.placements.map((p) => [p.placementId, p.openedOn] as const)));
  matches.sort(
    (a, b) =>
      b.score - a.score ||
      openedOn.get(a.placementId)!.localeCompare(openedOn.get(b.placementId)!) ||
      a.caseId.localeCompare(b.caseId) ||
      a.placementId.localeCompare(b.placementId),
  );
  return matches.map((match, i) => ({ rank: i + 1, ...match }));
}
