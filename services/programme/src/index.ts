/** What other packages may use of the programme office without starting it: its recorders and its streams. */
export { programmeRecorders } from './recorders.js';
export { countedSituation, participationStream, type ParticipationState } from './participation/participation.state.js';
export { operationIdOf, operationStream, type OperationState } from './operation/operation.state.js';
