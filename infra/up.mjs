#!/usr/bin/env node
/**
 * `npm run infra:up`: PostgreSQL and Kafka only, for running services or
 * `npm run test:int` against long-lived servers. Prints the variables to export;
 * Ctrl-C stops what it started.
 */
import { createLog, ensureLocalInfra } from './local/index.mjs';

const { postgres, kafka } = await ensureLocalInfra({ log: createLog('infra') });
process.stdout.write(`export DATABASE_URL=${postgres.url}\nexport KAFKA_BROKERS=${kafka.brokers}\n`);
const stop = async () => {
  await kafka.stop();
  await postgres.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
setInterval(() => {}, 1 << 30);
