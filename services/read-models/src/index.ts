/** The read model's pure projection, for replays and for tests that rebuild it from the store. */
export { projectCaseSummary, isCaseSummaryEvent, caseSummaryEventTypes, caseStatuses, type CaseSummary, type CaseStatus, type CaseSummaryEvent } from './case-summary/case-summary.projection.js';
export { projectPathway, isPathwayEvent, pathwayEventTypes, pathwayStages, type Pathway, type PathwayStage, type Milestone } from './pathway/pathway.projection.js';
