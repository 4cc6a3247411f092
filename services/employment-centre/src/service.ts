import { consumerOf } from '@traiettorie/contracts';
import type { ServiceDefinition } from '@traiettorie/nest-kit';
import { CompanyRegistryController } from './company-registry/company-registry.controller.js';
import { CompanyRegistryModule } from './company-registry/company-registry.module.js';
import { CompleteProfilingController } from './complete-profiling/complete-profiling.controller.js';
import { CompleteTrainingController } from './complete-training/complete-training.controller.js';
import { EndTirocinioController } from './end-tirocinio/end-tirocinio.controller.js';
import { EnrolTrainingController } from './enrol-training/enrol-training.controller.js';
import { ReceiveReferralListener } from './receive-referral/receive-referral.listener.js';
import { RecordReferralController } from './record-referral/record-referral.controller.js';
import { RequestTirocinioPlacementController } from './request-tirocinio-placement/request-tirocinio-placement.controller.js';
import { RequestTirocinioPlacementListener } from './request-tirocinio-placement/request-tirocinio-placement.listener.js';
import { ReferralController } from './referral/referral.controller.js';
import { RegisterDidController } from './register-did/register-did.controller.js';
import { RespondJobOfferController } from './respond-job-offer/respond-job-offer.controller.js';
import { SignServicePactController } from './sign-service-pact/sign-service-pact.controller.js';
import { StartEmploymentController } from './start-employment/start-employment.controller.js';
import { StartTirocinioController } from './start-tirocinio/start-tirocinio.controller.js';
import { TirocinioMatchingController } from './tirocinio-matching/tirocinio-matching.controller.js';

/** The Centro per l'Impiego: one folder per command on a referred person's stream, the referral policy, and their read routes. */
export const employmentCentre = {
  name: 'employment-centre',
  description: "Centro per l'Impiego: referrals, DID, profiling, PSP, training, tirocini, job offers and hirings; the company registry and tirocinio matching.",
  defaultPort: 3002,
  agency: { kind: 'employment-centre', defaultId: 'afol-metropolitana' },
  controllers: [
    ReferralController,
    RecordReferralController,
    RegisterDidController,
    CompleteProfilingController,
    SignServicePactController,
    EnrolTrainingController,
    CompleteTrainingController,
    StartTirocinioController,
    EndTirocinioController,
    RespondJobOfferController,
    StartEmploymentController,
    RequestTirocinioPlacementController,
    CompanyRegistryController,
    TirocinioMatchingController,
    ReceiveReferralListener,
    RequestTirocinioPlacementListener,
  ],
  // The company registry, in the service's own schema of the same database (employment_centre).
  imports: (config) => [CompanyRegistryModule.forRoot(config.DATABASE_URL)],
  consumes: consumerOf('employment-centre'),
} satisfies ServiceDefinition;
