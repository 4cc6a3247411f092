import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController } from '@traiettorie/nest-kit';
import { CaseSummaryController } from './case-summary/case-summary.controller.js';
import { CaseSummaryListener } from './case-summary/case-summary.listener.js';
import type { ReadModelsConfig } from './config.js';
import { DatabaseModule } from './database.module.js';

@Module({})
export class AppModule {
  static forRoot(config: ReadModelsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [DatabaseModule.forRoot(config.DATABASE_URL)],
      controllers: [HealthController, CaseSummaryController, CaseSummaryListener],
    };
  }
}
