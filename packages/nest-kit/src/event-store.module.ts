import { Global, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { catalogueClassification } from '@traiettorie/contracts';
import {
  chainKeysFromEnv,
  createPostgresEventStore,
  keyWrapperFromEnv,
  migrateEventStore,
  rewrapDataKeys,
  type EventStore,
  type KeyWrapper,
} from '@traiettorie/event-store';
import pg from 'pg';
import { AccessLogging } from './access-logging.js';

/** Injection tokens for the store and its pool. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const PG_POOL = Symbol('PG_POOL');
const KEY_ENCRYPTION_KEY = Symbol('KEY_ENCRYPTION_KEY');

/** A pool that logs (rather than crashes on) a lost idle connection; it reconnects on next use. */
export function createPgPool(databaseUrl: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max });
  pool.on('error', (error) => new Logger('pg').warn(`idle connection lost: ${error.message}`));
  return pool;
}

/** Closes a pool when the Nest application shuts down. */
export class PoolCloser implements OnApplicationShutdown {
  constructor(private readonly pool: pg.Pool) {}
  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * Provides the PostgreSQL pool and the event store (migrated at start) to a
 * service. The key-encryption key comes from TRAIETTORIE_KEK or
 * TRAIETTORIE_KEK_FILE (TRAIETTORIE_DEV_KEK=1 for development), the chain key
 * from TRAIETTORIE_CHAIN_KEY or TRAIETTORIE_CHAIN_KEY_FILE
 * (TRAIETTORIE_DEV_CHAIN_KEY=1 for development): without them the service
 * refuses to start.
 */
@Global()
@Module({})
export class EventStoreModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        { provide: KEY_ENCRYPTION_KEY, useFactory: () => keyWrapperFromEnv() },
        {
          provide: PG_POOL,
          useFactory: async (kek: KeyWrapper) => {
            const pool = createPgPool(databaseUrl);
            await migrateEventStore(pool);
            await rewrapDataKeys(pool, kek);
            return pool;
          },
          inject: [KEY_ENCRYPTION_KEY],
        },
        {
          provide: EVENT_STORE,
          // Every append carries a MAC under the chain key (TRAIETTORIE_CHAIN_KEY / _FILE, ADR 6): the relay's sealer refuses rows without one.
          useFactory: (pool: pg.Pool, kek: KeyWrapper): EventStore =>
            createPostgresEventStore(pool, { personalData: catalogueClassification, keyEncryptionKey: kek, chainKeys: chainKeysFromEnv() }),
          inject: [PG_POOL, KEY_ENCRYPTION_KEY],
        },
        { provide: PoolCloser, useFactory: (pool: pg.Pool) => new PoolCloser(pool), inject: [PG_POOL] },
        // Every read of personal data is an event (issue 10): the access log appends through the same store.
        { provide: 'ACCESS_LOG_STORE', useExisting: EVENT_STORE },
        AccessLogging,
      ],
      exports: [PG_POOL, EVENT_STORE, AccessLogging],
    };
  }
}
