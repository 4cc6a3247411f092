import { ambitoCode, participantEnrolledInOperationV1, personRef } from '@traiettorie/contracts';
import { z } from 'zod';
import { ESF_PLUS_LEGAL_BASIS } from '../operation/operation.state.js';

/** POST /participations/:caseId/enrolment: the ParticipantEnrolledInOperation data plus whose participation it is. */
export const enrolParticipantRequest = participantEnrolledInOperationV1.data.extend({
  ambito: ambitoCode,
  personRef,
  legalBasis: z.string().min(1).max(120).default(ESF_PLUS_LEGAL_BASIS),
});

/** Each example succeeds when sent as it is, once per case. */
export const enrolParticipantExamples = {
  avviso3: {
    summary: 'A long-term unemployed woman enters the PON Inclusione operation of the Ambito di Sesto',
    value: {
      ambito: 'LOM-SESTO-SAN-GIOVANNI',
      personRef: 'P-SSG-7f3a91',
      ...participantEnrolledInOperationV1.example,
    } satisfies z.input<typeof enrolParticipantRequest>,
  },
};
