import { consumerOf } from '@traiettorie/contracts';
import type { ServiceDefinition } from '@traiettorie/nest-kit';
import { ReceiveReferralListener } from './receive-referral/receive-referral.listener.js';
import { ReferralController } from './referral/referral.controller.js';

/** The Centro per l'Impiego: a policy slice that takes in referrals, and their read routes. */
export const employmentCentre = {
  name: 'employment-centre',
  description: "Centro per l'Impiego: takes in referrals from the social services' assessments.",
  defaultPort: 3002,
  agency: { kind: 'employment-centre', defaultId: 'afol-metropolitana' },
  controllers: [ReferralController, ReceiveReferralListener],
  consumes: consumerOf('employment-centre'),
} satisfies ServiceDefinition;
