import path from 'node:path';
import { cacheDir, ensureKafka } from './kafka.mjs';
import { ensurePostgres } from './postgres.mjs';

export { ensurePostgres } from './postgres.mjs';
export { cacheDir, ensureKafka, ensureKafkaJars, kafkaEnv, kafkaLibDir, KAFKA_VERSION } from './kafka.mjs';
export { createLog } from './log.mjs';
export { freePort, waitForPort, stopChild, killOnExit } from './process.mjs';

/**
 * Long-lived PostgreSQL and Kafka for `npm start` and `npm run infra:up`: the
 * usual servers when they answer, otherwise ones started here with their data
 * kept between runs (PostgreSQL on 54329, Kafka on KAFKA_PORT, default 9092,
 * with its data in KAFKA_DATA_DIR, default ~/.cache/traiettorie/kafka-data,
 * and its principals' SCRAM passwords in KAFKA_CREDENTIALS_FILE, default
 * ~/.cache/traiettorie/keys/kafka-credentials.json).
 */
export async function ensureLocalInfra({ log }) {
  const postgres = await ensurePostgres({ log, dataDir: '/var/tmp/traiettorie/postgres', port: 54329 });
  try {
    const kafka = await ensureKafka({
      log,
      dataDir: process.env.KAFKA_DATA_DIR ?? path.join(cacheDir(), 'kafka-data'),
      port: Number(process.env.KAFKA_PORT ?? 9092),
      credentialsFile: kafkaCredentialsFile(),
    });
    return { postgres, kafka };
  } catch (error) {
    await postgres.stop();
    throw error;
  }
}

/** Where `npm start` keeps its broker's SCRAM passwords: next to the other keys. */
export function kafkaCredentialsFile() {
  return process.env.KAFKA_CREDENTIALS_FILE ?? path.join(cacheDir(), 'keys', 'kafka-credentials.json');
}
