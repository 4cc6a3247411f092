#!/usr/bin/env node
/**
 * `npm run infra:up`: PostgreSQL and Kafka only, for running services or
 * `npm run test:int` against long-lived servers. Prints the variables to export
 * (with the Kafka admin's SCRAM credentials);
 * Ctrl-C stops what it started.
 */
import { createLog, ensureLocalInfra, kafkaEnv } from './local/index.mjs';

const { postgres, kafka } = await ensureLocalInfra({ log: createLog('infra') });
// Our broker requires SASL/SCRAM: the exports log in as its admin (a super user), as the tests do.
const sasl = Object.entries({ ...kafkaEnv(kafka, 'admin'), ...(kafka.credentialsFile ? { KAFKA_CREDENTIALS_FILE: kafka.credentialsFile } : {}) });
process.stdout.write(
  [`export DATABASE_URL=${postgres.url}`, `export KAFKA_BROKERS=${kafka.brokers}`, ...sasl.map(([k, v]) => `export ${k}=${v}`), ''].join('\n'),
);
const stop = async () => {
  await kafka.stop();
  await postgres.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
setInterval(() => {}, 1 << 30);
