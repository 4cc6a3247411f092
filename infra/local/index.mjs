export { ensurePostgres } from './postgres.mjs';
export { ensureKafka, ensureKafkaJars, kafkaLibDir, KAFKA_VERSION } from './kafka.mjs';
export { createLog } from './log.mjs';
export { freePort, waitForPort, stopChild, killOnExit } from './process.mjs';
