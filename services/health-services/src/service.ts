import type { ServiceDefinition } from '@traiettorie/nest-kit';
import { AssessActivityFitnessController } from './assess-activity-fitness/assess-activity-fitness.controller.js';
import { ChangeCarePathStatusController } from './change-care-path-status/change-care-path-status.controller.js';
import { InvolveAnonymouslyController, InvolveSpecialistServiceController } from './involve-specialist-service/involve-specialist-service.controller.js';
import { RecordConsentController } from './record-consent/record-consent.controller.js';
import { WithdrawConsentController } from './withdraw-consent/withdraw-consent.controller.js';

/**
 * The ASST's specialist health services: CPS (mental health), SerD and NOA
 * (addictions), UOMPIA (child neuropsychiatry), told apart by the service
 * category of their events. Consents, involvements (anonymous for a SerD user
 * who asks), fitness for activation and care path status: never a diagnosis.
 */
export const healthServices = {
  name: 'health-services',
  description:
    "ASST specialist health services (CPS, SerD/NOA, UOMPIA): consents, involvements (anonymous on request), fitness for activation and care path status; never a diagnosis.",
  defaultPort: 3004,
  agency: { kind: 'health-services', defaultId: 'asst-nord-milano-cps-sesto' },
  // In the order a pathway uses them, so the OpenAPI examples succeed when sent in the document's order on one case.
  controllers: [
    RecordConsentController,
    InvolveSpecialistServiceController,
    AssessActivityFitnessController,
    ChangeCarePathStatusController,
    WithdrawConsentController,
    InvolveAnonymouslyController,
  ],
} satisfies ServiceDefinition;
