export { events } from './service.js';
export { recorders, recordersByType } from './recorders.js';
export { postedEvents, BATCH, STRUCTURED, MAX_BATCH } from './publish/cloudevents-http.js';
export { formatCheckpoint, parseCheckpoint } from './feed/feed.js';
