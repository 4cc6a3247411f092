/** The read model's pure projection, for replays and for tests that rebuild it from the store. */
export { projectCaseSummary, caseStatuses, type CaseSummary, type CaseStatus } from './case-summary/case-summary.projection.js';
