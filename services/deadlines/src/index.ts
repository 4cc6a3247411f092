/** The deadline rules as the watch applies them, pure: for tests and replays. */
export { applyToDeadlines, deadlineEventTypes, deadlineMissedData, deadlinesOf, isMissedAsOf, statusOf, type Deadline, type DeadlineStatus } from './deadline/deadline.projection.js';
export { deadlineDay, isItalianHoliday, isWorkingDay } from './italian-calendar.js';
