/**
 * The third sector's events. A new event type is its definition file plus
 * its line in `thirdSectorEvents`; a new version replaces the older one there
 * and adds the older one's upcaster to `thirdSectorUpcasters`.
 */
import type { Upcaster } from '../upcasting.js';
import { attendanceRecordedV1 } from './attendance-recorded.v1.js';
import { participantExitRecordedV1 } from './participant-exit-recorded.v1.js';
import { serviceDeliveryStartedV1 } from './service-delivery-started.v1.js';
import { serviceDeliveryExpectedV1 } from './service-delivery-expected.v1.js';

/** The latest version of every third-sector event type. */
export const thirdSectorEvents = [serviceDeliveryExpectedV1, serviceDeliveryStartedV1, attendanceRecordedV1, participantExitRecordedV1] as const;

/** No third-sector event type has an older version yet. */
export const thirdSectorUpcasters: readonly Upcaster[] = [];
