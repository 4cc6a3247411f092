import { z } from 'zod';
import { isoDate, organisationId } from '../common.js';
import { defineEvent } from '../define-event.js';

/** The person's Dichiarazione di Immediata Disponibilità (DID) to work was registered. */
export const didRegisteredV1 = defineEvent({
  type: 'DIDRegistered',
  version: 1,
  context: 'employment-centre',
  emitters: ['employment-centre'],
  description: "The person's declaration of immediate availability for work (DID) was registered.",
  data: z.strictObject({
    registeredOn: isoDate,
    channel: z.enum(['siisl', 'myanpal', 'cpi-desk']),
    /** The Centro per l'Impiego the person is assigned to. */
    cpiId: organisationId,
  }),
  example: {
    registeredOn: '2026-10-23',
    channel: 'siisl',
    cpiId: 'afol-cpi-sesto-san-giovanni',
  },
});
