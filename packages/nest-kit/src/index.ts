export * from './problem-details.filter.js';
export * from './request-input.interceptor.js';
export * from './health.controller.js';
export * from './config.js';
export * from './http-app.js';
export * from './zod-openapi.js';
export * from './event-store.module.js';
export { CLOCK, ID_GENERATOR, ManualClock, randomIds, systemClock, type Clock, type IdGenerator } from './clock.js';
export { COMMAND_SOURCE, CommandHandling, sourceOfCaller, type CommandCall } from './command-handling.js';
export {
  CurrentCaller,
  Door,
  DOOR,
  doorConfig,
  DoorGuard,
  loadClientPublicKeys,
  loadClientRegistry,
  PublicRoute,
  ReadsPersonalData,
  TRACKING_EVIDENCE_HEADER,
  UNAUTHENTICATED,
  Unauthenticated,
  UsedVouchers,
  type AdmittedRequest,
  type DoorConfig,
  type DoorRule,
} from './door.js';
export { ExpectedVersion, ifMatchHeader, VersionETagInterceptor } from './if-match.js';
export { loadServiceConfig, serviceModule, startService, type ConfigOf, type ServiceConfig, type ServiceDefinition } from './service.js';
export { AccessLogging, classifiedFieldNames } from './access-logging.js';
export {
  caseIdentityAndData,
  caseIdentityRequest,
  caseRecordCommandController,
  caseRecords,
  type CaseIdentity,
  type CaseRecordCommandHandler,
} from './case-record.js';
export {
  caseRecordCommandResponse,
  commandOnCaseRecord,
  CommandRoute,
  type CaseRecordCommandAccepted,
  type CaseRecordCommandRequest,
  type CommandResource,
  type CommandRouteOptions,
} from './command-route.js';
