import { consumerOf } from '@traiettorie/contracts';
import type { ServiceDefinition } from '@traiettorie/nest-kit';
import { ExpectServiceDeliveryController } from './expect-service-delivery/expect-service-delivery.controller.js';
import { ReceiveSupportListener } from './receive-support/receive-support.listener.js';
import { RecordAttendanceController } from './record-attendance/record-attendance.controller.js';
import { RecordParticipantExitController } from './record-participant-exit/record-participant-exit.controller.js';
import { StartServiceDeliveryController } from './start-service-delivery/start-service-delivery.controller.js';

/**
 * A third-sector partner (cooperativa sociale, ETS) delivering services under
 * agreements with the Ambito: what it is to deliver (from the supports the
 * social services activate with it), deliveries, attendance and exits.
 */
export const thirdSector = {
  name: 'third-sector',
  description: 'Third-sector partners: supports expected from the social services, service deliveries under agreements, attendance hours and exits.',
  defaultPort: 3005,
  agency: { kind: 'third-sector', defaultId: 'coop-lotta-contro-emarginazione' },
  controllers: [ExpectServiceDeliveryController, StartServiceDeliveryController, RecordAttendanceController, RecordParticipantExitController, ReceiveSupportListener],
  consumes: consumerOf('third-sector'),
} satisfies ServiceDefinition;
