#!/usr/bin/env node
/**
 * `npm run infra:up`: PostgreSQL and Kafka only, for running services or
 * `npm run test:int` against long-lived servers. Prints the variables to export;
 * Ctrl-C stops what it started.
 */
import os from 'node:os';
import path from 'node:path';
import { createLog, ensureKafka, ensurePostgres } from './local/index.mjs';

const log = createLog('infra');
const postgres = await ensurePostgres({ log, dataDir: '/var/tmp/traiettorie/postgres', port: 54329 });
const kafka = await ensureKafka({
  log,
  dataDir: path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'traiettorie', 'kafka-data'),
  port: 9092,
});
process.stdout.write(`export DATABASE_URL=${postgres.url}\nexport KAFKA_BROKERS=${kafka.brokers}\n`);
const stop = async () => {
  await kafka.stop();
  await postgres.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
setInterval(() => {}, 1 << 30);
