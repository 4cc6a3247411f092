import type { Caller, ClientRegistration } from './identity.js';
import { personalReadScopes, readersOf, type ReadScope } from './read-scopes.js';
import { accessRules, forbidden, type Refusal } from './refusals.js';

/**
 * What a read asks for: a scope and the Ambito of the case (or of the
 * aggregate). For `case-list` and `aggregates` the Ambito is a filter and may
 * be absent: the decision then says which Ambiti the answer must be limited to.
 */
export interface ReadRequest {
  scope: ReadScope;
  ambito?: string;
}

/** Where an allowed read may look: every Ambito, some Ambiti, or the Ambiti of some regions (`LOM` covers `LOM-*`). */
export type ReadExtent = { everywhere: true } | { ambiti: readonly string[] } | { regions: readonly string[] };

export interface ReadPermission {
  allowed: true;
  /** Filter a list or an aggregate by this when the request named no Ambito. */
  extent: ReadExtent;
  /** The scope shows a case, hence a person: the read must be recorded (`PersonalDataAccessed`). */
  personalData: boolean;
  /** The read must be written to the access log: every personal-data read, and every read by an auditor. */
  mustLog: boolean;
}

export type ReadDecision = ReadPermission | Refusal;

/**
 * May the caller read `scope` (of `ambito`)? An agency reads what its kind may
 * (`readersOf`) of its own Ambiti; a funder reads aggregates only, of the
 * Ambiti of its regions; an auditor reads everything, and every such read is
 * logged. Refusals: `aggregates-only`, `scope-not-for-this-kind`,
 * `ambito-not-yours`, `region-not-yours`.
 */
export function authorizeRead(caller: Caller, request: ReadRequest): ReadDecision {
  const { client } = caller;
  if (!readersOf[request.scope].includes(client.kind)) {
    return client.kind === 'funder'
      ? forbidden(accessRules.aggregatesOnly, `a funder reader reads aggregates only, not ${request.scope}`)
      : forbidden(accessRules.scopeNotForThisKind, `${client.kind} may not read ${request.scope}`);
  }
  const extent = extentOf(client);
  if (request.ambito !== undefined && !covers(extent, request.ambito)) {
    return 'regions' in extent
      ? forbidden(accessRules.regionNotYours, `client ${client.clientId} reads no Ambito outside regions ${extent.regions.join(', ')}`)
      : forbidden(accessRules.ambitoNotYours, `client ${client.clientId} does not act for Ambito ${request.ambito}`);
  }
  const personalData = personalReadScopes.includes(request.scope);
  return { allowed: true, extent, personalData, mustLog: personalData || client.kind === 'auditor' };
}

function extentOf(client: ClientRegistration): ReadExtent {
  if (client.allAmbiti) return { everywhere: true };
  if (client.kind === 'funder') return { regions: client.regions ?? [] };
  return { ambiti: client.ambiti };
}

/** Whether an extent includes an Ambito: an Ambito's code starts with its region's (`LOM-SESTO-SAN-GIOVANNI` is in `LOM`). */
export function covers(extent: ReadExtent, ambito: string): boolean {
  if ('everywhere' in extent) return true;
  if ('ambiti' in extent) return extent.ambiti.includes(ambito);
  return extent.regions.some((region) => ambito.startsWith(`${region}-`));
}
