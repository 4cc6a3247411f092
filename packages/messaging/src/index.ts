export * from './kafka-client.js';
export * from './kafka-access.js';
export * from './relay.js';
export * from './event-consumer.js';
export * from './kafka-event-transport.js';
export * from './relay-signature.js';
export { migrateRelayLedger } from './relay-ledger.js';
