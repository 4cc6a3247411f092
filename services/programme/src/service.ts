import type { ServiceDefinition } from '@traiettorie/nest-kit';
import { CloseOperationController } from './close-operation/close-operation.controller.js';
import { DeclareExpenditureController } from './declare-expenditure/declare-expenditure.controller.js';
import { EnrolParticipantController } from './enrol-participant/enrol-participant.controller.js';
import { LeaveOperationController } from './leave-operation/leave-operation.controller.js';
import { OperationReadController } from './operation-read/operation-read.controller.js';
import { ParticipationReadController } from './participation-read/participation-read.controller.js';
import { SituationUponLeavingController } from './situation-upon-leaving/situation-upon-leaving.controller.js';
import { SixMonthFollowUpController } from './six-month-follow-up/six-month-follow-up.controller.js';

/** The Ambito's project office: participants of ESF+ funded operations, and the operations' expenditure and closure. */
export const programme = {
  name: 'programme',
  description: "The Ambito's project office: enrolment in funded operations (ESF+), exit, situation upon leaving, six-month follow-up, expenditure, closure.",
  defaultPort: 3006,
  agency: { kind: 'programme', defaultId: 'ufficio-di-piano-sesto' },
  controllers: [
    EnrolParticipantController,
    LeaveOperationController,
    SituationUponLeavingController,
    SixMonthFollowUpController,
    ParticipationReadController,
    DeclareExpenditureController,
    CloseOperationController,
    OperationReadController,
  ],
} satisfies ServiceDefinition;
