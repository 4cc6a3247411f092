export * from './test-database.js';
export * from './wait-for.js';
export * from './decider-specification.js';
export * from './service-process.js';
export { uniqueName } from './unique-name.js';
export * from './sample-events.js';
export { freePort } from './free-port.js';
export { unusedDoorEnv } from './door-env.js';
export { eventPatternsOf, withoutKafkaGroupId } from './consumer-declarations.js';
