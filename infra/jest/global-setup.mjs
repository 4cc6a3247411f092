import { createLog, ensureKafka, ensurePostgres } from '../local/index.mjs';
import { startContainers } from './containers.mjs';

/**
 * Real infrastructure once per test run: PostgreSQL and a Kafka broker, from
 * DATABASE_URL / KAFKA_BROKERS when given, containers when a container runtime
 * exists, otherwise local processes. Workers inherit the URLs through the
 * environment; each spec file then makes its own database and topics.
 */
export default async function globalSetup(globalConfig) {
  const needsInfra = (globalConfig.selectProjects ?? ['integration', 'e2e']).some((p) => p !== 'unit');
  if (!needsInfra) return;
  const log = createLog('test-infra');
  const started = [];
  globalThis.__TRAIETTORIE_INFRA__ = started;
  const containers = await startContainers(log);
  if (containers) {
    started.push(containers);
  } else {
    const postgres = await ensurePostgres({ log });
    started.push(postgres);
    process.env.DATABASE_URL = postgres.url;
    const kafka = await ensureKafka({ log, reuseLocal: false });
    started.push(kafka);
    process.env.KAFKA_BROKERS = kafka.brokers;
  }
}
