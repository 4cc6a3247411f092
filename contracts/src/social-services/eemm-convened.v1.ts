import { z } from 'zod';
import { classified, isoDate, operatorRef } from '../common.js';
import { defineEvent } from '../define-event.js';
import { distinct, issue, notBefore } from '../rules.js';

/** Kinds of service that sit in an équipe multidisciplinare. */
export const eemmMemberTypes = [
  'social-services',
  'employment-centre',
  'health-services',
  'housing',
  'education',
  'third-sector',
] as const;

/**
 * The équipe multidisciplinare (EEMM) was convened for the quadro di analisi.
 * Special category by inference: that health services sit in it reveals a
 * health need, so the member types are classified.
 */
export const eemmConvenedV1 = defineEvent({
  type: 'EEMMConvened',
  version: 1,
  context: 'social-services',
  emitters: ['social-services'],
  description: "The multidisciplinary team (EEMM) was convened for the household's quadro di analisi.",
  data: z
    .strictObject({
      convenedOn: isoDate,
      memberAgencyTypes: classified(
        z
          .array(z.enum(eemmMemberTypes))
          .min(2)
          .refine(...distinct())
          .refine(
            (types) => types.includes('social-services'),
            issue(undefined, 'includes-social-services', 'the social service always sits in the EEMM'),
          ),
        'special-category',
      ),
      coordinator: classified(operatorRef, 'personal'),
      nextMeetingOn: isoDate.optional(),
    })
    .refine(...notBefore('nextMeetingOn', 'convenedOn')),
  example: {
    convenedOn: '2026-10-20',
    memberAgencyTypes: ['social-services', 'employment-centre', 'health-services'],
    coordinator: 'op-sesto-017',
    nextMeetingOn: '2026-11-03',
  },
});
