// The event store's public API. Everything else in src/ is the adapter's own.

// Events, versions and positions in the global log.
export {
  LOG_START,
  type AppendResult,
  type ExpectedVersion,
  type LogCheckpoint,
  type NewEvent,
  type ReadAllResult,
  type StoredEvent,
} from './types.js';

// The port, and what its tamper-evident chain takes and reports.
export type {
  ChainBreak,
  ChainBreakAt,
  ChainCheckpoint,
  ChainHead,
  EventStore,
  Queryable,
  ReadAllOptions,
  ReadStreamOptions,
  SealOptions,
  SealRefusal,
  SealResult,
  StreamAppend,
  StreamAppendOutcome,
  VerifyOptions,
  VerifyResult,
} from './event-store.js';

// The adapter: PostgreSQL, or the embedded PGlite behind a pg-compatible pool.
export { createPostgresEventStore, type EventStoreOptions } from './postgres-event-store.js';
export { createPGlitePool } from './pglite-pool.js';

// The schema: numbered SQL migrations, and the owner and services' roles (ADR 6).
export { migrateEventStore, pendingMigrations, type MigrateOptions } from './migrations.js';
export { EVENT_STORE_APP_ROLE, EVENT_STORE_OWNER_ROLE, provisionEventStore, type ProvisionOptions } from './roles.js';

// Personal data (ADR 3): which fields are protected comes from the caller's policy.
export {
  createTableKeyStore,
  PersonForgottenError,
  rewrapDataKeys,
  type KeyStore,
  type PersonalDataPolicy,
  type PersonKey,
} from './personal-data.js';
export {
  createConfigKeyWrapper,
  KeyEncryptionKeyError,
  keyWrapperFromEnv,
  type KeyEncryptionKey,
  type KeyWrapper,
} from './key-encryption.js';

// The chain's keys, its sealer and its signed checkpoints (ADR 6).
export { ChainKeyError, chainKeysFromEnv, createChainKeys, type ChainKey, type ChainKeys } from './chain-keys.js';
export { startSealer, type Sealer, type SealerOptions, type SealerState } from './sealer.js';
export {
  appendCheckpointFile,
  checkChainCheckpoint,
  CheckpointError,
  lastCheckpoint,
  loadSigningKeys,
  readCheckpointFile,
  signChainCheckpoint,
  signingKeyId,
} from './checkpoints.js';

// Durable, fenced subscriptions to the global log.
export {
  createSubscription,
  SubscriptionFencedError,
  type Subscription,
  type SubscriptionOptions,
} from './subscription.js';
