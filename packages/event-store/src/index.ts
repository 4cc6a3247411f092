export * from './types.js';
export * from './migrations.js';
export * from './postgres-event-store.js';
export * from './decider.js';
export * from './command-handler.js';
export * from './hash-chain.js';
export * from './sealer.js';
export * from './subscription.js';
