import { Global, Module, type DynamicModule } from '@nestjs/common';
import { createPgPool, PoolCloser } from '@traiettorie/nest-kit';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { CompanyRegistry } from './company-registry.repository.js';

export const REGISTRY_MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'drizzle');
const REGISTRY_DB = Symbol('REGISTRY_DB');

/** Connects to the registry's schema and applies its Drizzle migrations (the demo companies among them). */
export async function connectCompanyRegistry(databaseUrl: string): Promise<{ pool: pg.Pool; db: NodePgDatabase }> {
  const pool = createPgPool(databaseUrl);
  const db = drizzle({ client: pool });
  // The migrations' own bookkeeping lives in the registry's schema, not beside other services' (drizzle's default).
  await migrate(db, { migrationsFolder: REGISTRY_MIGRATIONS, migrationsSchema: 'employment_centre' });
  return { pool, db };
}

@Global()
@Module({})
export class CompanyRegistryModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: CompanyRegistryModule,
      providers: [
        { provide: REGISTRY_DB, useFactory: () => connectCompanyRegistry(databaseUrl) },
        { provide: CompanyRegistry, useFactory: ({ db }: { db: NodePgDatabase }) => new CompanyRegistry(db), inject: [REGISTRY_DB] },
        { provide: PoolCloser, useFactory: ({ pool }: { pool: pg.Pool }) => new PoolCloser(pool), inject: [REGISTRY_DB] },
      ],
      exports: [CompanyRegistry],
    };
  }
}
