export {
  ACCESS_LOG_CATEGORY,
  ACCESS_LOG_LEGAL_BASIS,
  accessLogStreamOf,
  toAccessEvent,
  type AccessedCase,
  type AccessEntry,
  type AccessOutcome,
} from './access-entry.js';
export { AccessLogUnavailableError, createAccessLog, type AccessLog, type AccessLogOptions } from './access-log.js';
export { readAccessLog, type AccessLogQuery, type AccessRecord } from './read-access-log.js';
