export type { Caller, ClientKind, ClientRegistration, Decision } from './identity.js';
export { demoClients } from './demo-clients.js';
export { accessRules, type AccessRule, type Refusal } from './refusals.js';
export { authorizeActingOn, authorizeEmit, hubRecords, isAgencyKind, type EmitRequest } from './authorize-emit.js';
export { personalReadScopes, readersOf, readScopes, type ReadScope } from './read-scopes.js';
export { authorizeRead, covers, type ReadDecision, type ReadExtent, type ReadPermission, type ReadRequest } from './authorize-read.js';
export {
  consentScopeOfHealthEvent,
  specialCategoryAccess,
  specialCategoryFieldsFor,
  type ConsentScope,
  type FieldAccess,
  type SpecialCategoryField,
} from './special-category-access.js';
export { consentFor, consentLedger, type ConsentPurpose, type ConsentReader, type RedactionReason } from './consent-ledger.js';
export { demoPurposes, type PurposeRegistry } from './purposes.js';
export { redactForReader, type ReaderEvent, type RedactionContext, type RedactionMarker } from './redact-for-reader.js';
export { assertAuthorized } from './assert-authorized.js';
