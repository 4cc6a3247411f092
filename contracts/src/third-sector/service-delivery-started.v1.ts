import { z } from 'zod';
import { classified, hours, isoDate, operatorRef, organisationId } from '../common.js';
import { defineEvent } from '../define-event.js';
import { notBefore } from '../rules.js';

/** Services third-sector providers deliver under agreements with the Ambito. */
export const thirdSectorServiceTypes = [
  'training',
  'educativa-domiciliare',
  'family-mediation',
  'cultural-mediation',
  'parenting-support',
  'puc-hosting',
  'tirocinio-hosting',
  'job-coaching',
] as const;

/** A third-sector provider started delivering a service to the person under an agreement (convenzione, coprogettazione). */
export const serviceDeliveryStartedV1 = defineEvent({
  type: 'ServiceDeliveryStarted',
  version: 1,
  context: 'third-sector',
  emitters: ['third-sector'],
  description: 'A third-sector provider started delivering a service under an agreement with the Ambito.',
  data: z
    .strictObject({
      deliveryId: z.uuid(),
      providerId: organisationId,
      agreementRef: z.string().min(1).max(80),
      serviceType: z.enum(thirdSectorServiceTypes),
      /** The SupportActivated this delivery answers, when the social service activated it. */
      supportId: z.uuid().optional(),
      operatorRef: classified(operatorRef, 'personal'),
      startsOn: isoDate,
      plannedEndOn: isoDate.optional(),
      plannedHours: hours(2000).optional(),
    })
    .refine(...notBefore('plannedEndOn', 'startsOn')),
  example: {
    deliveryId: '6e8a0c2e-4f6b-4d8f-a1c3-5e7a9c1e3f5b',
    providerId: 'coop-lotta-contro-emarginazione',
    agreementRef: 'COPROG-SSG-2025-03',
    serviceType: 'educativa-domiciliare',
    supportId: '2c4e6a8b-0d1f-4a3b-8c5d-7e9f1a2b3c4d',
    operatorRef: 'edu-lotta-09',
    startsOn: '2026-11-16',
    plannedEndOn: '2027-06-30',
    plannedHours: 180,
  },
});
