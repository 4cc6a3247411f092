/**
 * Where a container runtime exists (Docker, Podman), the test run uses
 * testcontainers for PostgreSQL and Kafka, unless DATABASE_URL / KAFKA_BROKERS
 * are given. Without one, testcontainers fails within milliseconds and the run
 * falls back to local processes (returns undefined).
 */
export async function startContainers(log) {
  if (process.env.DATABASE_URL || process.env.KAFKA_BROKERS || process.env.TRAIETTORIE_NO_CONTAINERS) return undefined;
  let testcontainers;
  try {
    testcontainers = await import('testcontainers');
    await testcontainers.getContainerRuntimeClient();
  } catch {
    return undefined;
  }
  log('a container runtime answers: starting PostgreSQL and Kafka with testcontainers');
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const postgres = await new PostgreSqlContainer('postgres:17-alpine').withUsername('postgres').withPassword('postgres').start();
  const kafka = await new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start();
  process.env.DATABASE_URL = postgres.getConnectionUri();
  process.env.KAFKA_BROKERS = `${kafka.getHost()}:${kafka.getMappedPort(9093)}`;
  return {
    async stop() {
      await kafka.stop();
      await postgres.stop();
    },
  };
}
