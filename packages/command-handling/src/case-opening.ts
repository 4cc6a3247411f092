import { caseStreamCategories, caseStreamOf, NotFoundError } from '@traiettorie/contracts';
import type { EventStore } from '@traiettorie/event-store';
import { assertSameCase } from './case-identity.js';
import type { StreamIdentity } from './decider.js';

/**
 * Whether the stream is another agency's own record of a case
 * (`employment-<caseId>`, `health-<caseId>`, `delivery-<caseId>`,
 * `participation-<caseId>`), not the social services' case itself; an
 * anonymous SerD record (`health-anon-<id>`) or an operation is none.
 */
export function isAgencyRecordOfCase(stream: string, caseId: string): boolean {
  return Object.entries(caseStreamCategories).some(([agency, category]) => agency !== 'social-services' && stream === `${category}-${caseId}`);
}

/** Whose case it is, as the social services opened it. */
export interface CaseOpening {
  ambito: string;
  personref: string;
}

/** The case as the social services opened it (`case-<caseId>`'s first event), or undefined when they never did. */
export async function caseOpeningOf(store: EventStore, caseId: string): Promise<CaseOpening | undefined> {
  const [opening] = await store.readStream(caseStreamOf('social-services', caseId), { maxCount: 1 });
  if (!opening) return undefined;
  const { ambito, personref } = opening.metadata as { ambito: string; personref: string };
  return { ambito, personref };
}

/**
 * An agency's own record of a case starts only on a case the social services
 * opened, for its person in its Ambito: otherwise an agency could write, in
 * its own Ambito's name, about another Ambito's case (or about a case no one
 * opened). NotFoundError when the case was never opened; ValidationError
 * (`matches-case`) naming the attribute, never its value, when it differs.
 */
export function assertOfOpenedCase(identity: StreamIdentity, opening: CaseOpening | undefined): void {
  if (!opening) throw new NotFoundError(`case ${identity.subject} is not open at the social services`);
  assertSameCase(identity, opening, { attributes: ['ambito', 'personref'], rule: 'matches-case', recordedAs: 'the social services opened it' });
}
