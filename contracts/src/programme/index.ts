/**
 * The programme's (ESF+ funded operations') events. A new event type is its
 * definition file plus its line in `programmeEvents`; a new version replaces
 * the older one there and adds the older one's upcaster to `programmeUpcasters`.
 */
import type { Upcaster } from '../upcasting.js';
import { expenditureDeclaredV1 } from './expenditure-declared.v1.js';
import { operationClosedV1 } from './operation-closed.v1.js';
import { participantEnrolledInOperationV1 } from './participant-enrolled-in-operation.v1.js';
import { sixMonthFollowUpRecordedV1 } from './six-month-follow-up-recorded.v1.js';
import { participantLeftOperationV1 } from './participant-left-operation.v1.js';
import { situationUponLeavingV1 } from './situation-upon-leaving.v1.js';

/** The latest version of every programme event type. */
export const programmeEvents = [
  participantEnrolledInOperationV1,
  participantLeftOperationV1,
  situationUponLeavingV1,
  sixMonthFollowUpRecordedV1,
  expenditureDeclaredV1,
  operationClosedV1,
] as const;

/** No programme event type has an older version yet. */
export const programmeUpcasters: readonly Upcaster[] = [];
