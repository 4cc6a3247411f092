import { Module, type DynamicModule } from '@nestjs/common';
import { EventStoreModule, HealthController } from '@traiettorie/nest-kit';
import { CaseController } from './case/case.controller.js';
import { SOCIAL_SERVICES_SOURCE, sourceFor, type SocialServicesConfig } from './config.js';

@Module({})
export class AppModule {
  static forRoot(config: SocialServicesConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [EventStoreModule.forRoot(config.DATABASE_URL)],
      controllers: [HealthController, CaseController],
      providers: [{ provide: SOCIAL_SERVICES_SOURCE, useValue: sourceFor(config) }],
    };
  }
}
