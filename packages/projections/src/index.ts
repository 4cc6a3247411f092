export { defineProjection, type Projection, type ProjectionDefinition, type ProjectedEvent, type ProjectionTransaction } from './projection.js';
export { appliedEventsTable, type AppliedEventsTable } from './applied-events.schema.js';
export { createProjector, type Projector, type RebuildProgress, type ReplaySource } from './projector.js';
export { readGlobalLog, type GlobalLogOptions } from './global-log.js';
