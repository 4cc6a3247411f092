import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationBootstrap, type OnModuleDestroy, type Provider } from '@nestjs/common';
import type { EventStore } from '@traiettorie/event-store';
import { CLOCK, COMMAND_SOURCE, createPgPool, EVENT_STORE, parseConfig, PoolCloser, registerHealth, type Clock } from '@traiettorie/nest-kit';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { z } from 'zod';
import { DeadlineWatch } from './watch/deadline-watch.js';

export const MIGRATIONS_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'drizzle');
/** Its own migrations table: the read models keep theirs in drizzle's default one. */
export const MIGRATIONS_TABLE = '__deadlines_migrations';
export const DEADLINES_DB = Symbol('DEADLINES_DB');
export const DEADLINE_WATCH = Symbol('DEADLINE_WATCH');

/** The watch's own variable: how often it ticks. */
export const watchConfig = z.object({ DEADLINES_TICK_MS: z.coerce.number().int().min(100).max(3_600_000).default(5000) });

/** Connects and applies the deadlines' Drizzle migrations (schema `deadlines`). */
export async function connectDeadlines(databaseUrl: string): Promise<{ pool: pg.Pool; db: NodePgDatabase }> {
  const pool = createPgPool(databaseUrl);
  const db = drizzle({ client: pool });
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER, migrationsTable: MIGRATIONS_TABLE });
  return { pool, db };
}

/** Runs the watch from the application's start to its shutdown (before the pools close). */
@Injectable()
export class DeadlineWatchRunner implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(DEADLINE_WATCH) private readonly watch: DeadlineWatch) {}

  onApplicationBootstrap(): void {
    const { DEADLINES_TICK_MS } = parseConfig(watchConfig);
    registerHealth('watch', () => this.watch.stats());
    this.watch.start(DEADLINES_TICK_MS);
  }

  async onModuleDestroy(): Promise<void> {
    await this.watch.stop();
  }
}

/**
 * The watch, in the service's own module: it needs the service's clock
 * (CLOCK, a ManualClock in tests) and agency (COMMAND_SOURCE).
 */
export const deadlineWatchProviders: Provider[] = [
  {
    provide: DEADLINE_WATCH,
    useFactory: ({ pool, db }: { pool: pg.Pool; db: NodePgDatabase }, store: EventStore, clock: Clock, source: string) =>
      new DeadlineWatch({ pool, db, store, clock, source, log: (message, fields) => console.warn(JSON.stringify({ context: 'deadline-watch', message, ...fields })) }),
    inject: [DEADLINES_DB, EVENT_STORE, CLOCK, COMMAND_SOURCE],
  },
  DeadlineWatchRunner,
];

@Global()
@Module({})
export class DeadlinesDatabaseModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: DeadlinesDatabaseModule,
      providers: [
        { provide: DEADLINES_DB, useFactory: () => connectDeadlines(databaseUrl) },
        { provide: PoolCloser, useFactory: ({ pool }: { pool: pg.Pool }) => new PoolCloser(pool), inject: [DEADLINES_DB] },
      ],
      exports: [DEADLINES_DB],
    };
  }
}
