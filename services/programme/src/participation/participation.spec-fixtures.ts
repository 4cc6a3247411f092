import { participantEnrolledInOperationV1, type EventData, type HubEvent } from '@traiettorie/contracts';
import { sampleEvent } from '@traiettorie/testing';

/** One participation's data for the slices' tests: its identity deliberately unlike sampleEvent's defaults. */
export const caseId = '7a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
export const identity = { ambito: 'LOM-MILANO', personref: 'P-MI-000123', legalbasis: 'Reg-UE-2021-1057' };

export const projectCode = 'AV3-2016-LOM-79';
export const cup = 'J41B16000290006';

export const enrolmentData: EventData<'ParticipantEnrolledInOperation'> = { ...participantEnrolledInOperationV1.example, projectCode, cup, entryDate: '2026-03-02' };

export const leavingData: EventData<'ParticipantLeftOperation'> = { projectCode, cup, leftOn: '2026-09-30', reason: 'completed' };

export const situationData = (assessedOn: string, situation: EventData<'SituationUponLeaving'>['situation'] = ['job-searching']): EventData<'SituationUponLeaving'> => ({
  projectCode,
  cup,
  leftOn: '2026-09-30',
  assessedOn,
  situation,
});

/** Past events of this participation, with its identity on every envelope. */
export const enrolled = (): HubEvent<'ParticipantEnrolledInOperation'> => ({
  ...sampleEvent('ParticipantEnrolledInOperation', { caseId, data: enrolmentData }),
  ...identity,
});
export const left = (data: EventData<'ParticipantLeftOperation'> = leavingData): HubEvent<'ParticipantLeftOperation'> => ({
  ...sampleEvent('ParticipantLeftOperation', { caseId, data }),
  ...identity,
});
export const situationRecorded = (assessedOn: string, situation?: EventData<'SituationUponLeaving'>['situation']): HubEvent<'SituationUponLeaving'> => ({
  ...sampleEvent('SituationUponLeaving', { caseId, data: situationData(assessedOn, situation) }),
  ...identity,
});
