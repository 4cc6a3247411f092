import { createLog, ensureKafka, ensurePostgres, kafkaEnv } from '../local/index.mjs';
import { startContainers } from './containers.mjs';

/**
 * Real infrastructure once per test run: PostgreSQL and a Kafka broker, from
 * DATABASE_URL / KAFKA_BROKERS when given, containers when a container runtime
 * exists, otherwise local processes. Workers inherit the URLs through the
 * environment; each spec file then makes its own database and topics.
 */
export default async function globalSetup() {
  if (!selectedProjects().some((p) => p !== 'unit')) return;
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
    // The broker requires SASL/SCRAM: the tests' own clients act as the admin
    // (a super user); the ACL tests read each principal's password from the file.
    Object.assign(process.env, kafkaEnv(kafka, 'admin'));
    if (kafka.credentialsFile) process.env.KAFKA_CREDENTIALS_FILE = kafka.credentialsFile;
  }
}

/** The projects named by --selectProjects (Jest 30 does not pass them to global setup); all when none. */
function selectedProjects() {
  const args = process.argv.slice(2);
  const selected = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('--selectProjects=')) selected.push(...arg.slice('--selectProjects='.length).split(','));
    else if (arg === '--selectProjects') {
      while (args[i + 1] && !args[i + 1].startsWith('-')) selected.push(args[++i]);
    }
  }
  return selected.length > 0 ? selected : ['unit', 'integration', 'e2e'];
}
