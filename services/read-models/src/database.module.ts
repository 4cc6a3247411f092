import { Global, Module, type DynamicModule } from '@nestjs/common';
import { createPgPool, PoolCloser } from '@traiettorie/nest-kit';
import { createProjector, type Projector } from '@traiettorie/projections';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { CaseSummaryRepository } from './case-summary/case-summary.repository.js';
import { processedEvents } from './case-summary/case-summary.schema.js';
import { PathwayRepository } from './pathway/pathway.read-model.js';

export const MIGRATIONS_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'drizzle');
export const DRIZZLE = Symbol('DRIZZLE');
export const PROJECTOR = Symbol('PROJECTOR');

/** Connects, applies the read models' Drizzle migrations, and disconnects at shutdown. */
export async function connectReadModels(databaseUrl: string): Promise<{ pool: pg.Pool; db: NodePgDatabase }> {
  const pool = createPgPool(databaseUrl);
  const db = drizzle({ client: pool });
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { pool, db };
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DRIZZLE, useFactory: () => connectReadModels(databaseUrl) },
        { provide: PROJECTOR, useFactory: ({ db }: { db: NodePgDatabase }) => createProjector(db, processedEvents), inject: [DRIZZLE] },
        {
          provide: CaseSummaryRepository,
          useFactory: ({ db }: { db: NodePgDatabase }, projector: Projector) => new CaseSummaryRepository(db, projector),
          inject: [DRIZZLE, PROJECTOR],
        },
        {
          provide: PathwayRepository,
          useFactory: ({ db }: { db: NodePgDatabase }, projector: Projector) => new PathwayRepository(db, projector),
          inject: [DRIZZLE, PROJECTOR],
        },
        { provide: PoolCloser, useFactory: ({ pool }: { pool: pg.Pool }) => new PoolCloser(pool), inject: [DRIZZLE] },
      ],
      exports: [CaseSummaryRepository, PathwayRepository, PROJECTOR],
    };
  }
}
