export type { DomainEvent } from './domain-event.js';
export { foldState, type Decider, type StreamIdentity } from './decider.js';
export { toHubEvents, type CommandContext } from './command-context.js';
export { handleCommand, type CommandRequest, type CommandResult } from './handle-command.js';
export { toCloudEvent, toNewEvent } from './cloud-events.js';
export { derivedEventId, TRAIETTORIE_ID_NAMESPACE } from './derived-event-id.js';
export { recorder, type EventRecorder } from './recorder.js';
export { recordEvents, type EventToRecord, type RecordEventsOptions, type RecordingOutcome } from './record-events.js';
export { assertOfOpenedCase, caseOpeningOf, isAgencyRecordOfCase, type CaseOpening } from './case-opening.js';
