import { z } from 'zod';
import { classified, euroCents, hours, isoDate, operatorRef, organisationId } from '../common.js';
import { defineEvent } from '../define-event.js';
import { monthsApart, notBefore } from '../rules.js';

/**
 * Kinds of tirocinio extracurricolare: di inclusione sociale (Accordo
 * Stato-Regioni 22/1/2015, up to 24 months) and the others of the 2017
 * guidelines (up to 12 months).
 */
export const tirocinioTypes = ['inclusione-sociale', 'inserimento-reinserimento', 'formativo-orientamento'] as const;

type Tirocinio = (typeof tirocinioTypes)[number];

function maxMonths(type: Tirocinio): number {
  return type === 'inclusione-sociale' ? 24 : 12;
}

/**
 * A tirocinio started under a convention between promoter and host. The
 * monthly allowance is in euro cents; the host is classified, since where a
 * person trains identifies them.
 */
export const tirocinioStartedV1 = defineEvent({
  type: 'TirocinioStarted',
  version: 1,
  context: 'employment-centre',
  emitters: ['employment-centre'],
  description: 'A tirocinio started: type, promoter, host, convention, tutors, weekly hours, monthly allowance in euro cents.',
  data: z
    .strictObject({
      tirocinioId: z.uuid(),
      type: z.enum(tirocinioTypes),
      promoterId: organisationId,
      hostId: classified(organisationId, 'personal'),
      conventionRef: z.string().min(1).max(80),
      hostTutor: classified(operatorRef, 'personal'),
      promoterTutor: classified(operatorRef, 'personal'),
      startsOn: isoDate,
      plannedEndOn: isoDate,
      hoursPerWeek: hours(40),
      /** Monthly allowance (indennità di partecipazione) in euro cents; 0 when the host pays none. */
      monthlyAllowanceCents: euroCents.max(200_000),
    })
    .refine(...notBefore('plannedEndOn', 'startsOn'))
    .refine(
      ...monthsApart(
        'plannedEndOn',
        'startsOn',
        (d) => maxMonths(d['type'] as Tirocinio),
        'at-most',
        'max-duration',
        'a tirocinio di inclusione lasts at most 24 months, the others 12',
      ),
    ),
  example: {
    tirocinioId: '4f6a8c0e-2b4d-4f6a-9c1e-3d5f7a9b1c2e',
    type: 'inclusione-sociale',
    promoterId: 'afol-metropolitana',
    hostId: 'logistica-brianza-srl',
    conventionRef: 'CONV-AFOL-2026-0311',
    hostTutor: 'tutor-lb-04',
    promoterTutor: 'afol-op-112',
    startsOn: '2027-03-01',
    plannedEndOn: '2027-08-31',
    hoursPerWeek: 25,
    monthlyAllowanceCents: 50_000,
  },
});
