import { Module, type DynamicModule } from '@nestjs/common';
import { EventStoreModule, HealthController } from '@traiettorie/nest-kit';
import { EMPLOYMENT_CENTRE_SOURCE, sourceFor, type EmploymentCentreConfig } from './config.js';
import { ReferralController } from './referral/referral.controller.js';
import { ReferralListener } from './referral/referral.listener.js';

@Module({})
export class AppModule {
  static forRoot(config: EmploymentCentreConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [EventStoreModule.forRoot(config.DATABASE_URL)],
      controllers: [HealthController, ReferralController, ReferralListener],
      providers: [{ provide: EMPLOYMENT_CENTRE_SOURCE, useValue: sourceFor(config) }],
    };
  }
}
