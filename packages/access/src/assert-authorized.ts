import { ForbiddenError, UnauthenticatedError } from '@traiettorie/contracts';
import type { Decision } from './identity.js';

/** Throws the typed error of a refusal (401 `UnauthenticatedError`, 403 `ForbiddenError`, with its rule), so problem details answer it. */
export function assertAuthorized(decision: Decision): void {
  if (decision.allowed) return;
  if (decision.status === 401) throw new UnauthenticatedError(decision.detail, decision.rule);
  throw new ForbiddenError(decision.detail, decision.rule);
}
