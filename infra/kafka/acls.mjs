#!/usr/bin/env node
/**
 * Creates the hub's Kafka ACLs (packages/messaging `kafkaGrants`: one principal
 * per Kafka-using service, the operator alone on the dead-letter topics) on the
 * broker of KAFKA_BROKERS, logged in as a super user with KAFKA_SASL_USERNAME and
 * KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE), for the topics of
 * KAFKA_TOPIC_PREFIX (default traiettorie). Idempotent: the broker ignores ACLs
 * it already holds. docker-compose's `kafka-acls` service runs it on every
 * `up`; `npm start` does the same for the broker it runs (infra/local/kafka.mjs).
 * Needs the workspaces built.
 */
import { applyKafkaGrants, createKafka, kafkaGrants, parseBrokers } from '@traiettorie/messaging';

const brokers = process.env.KAFKA_BROKERS;
if (!brokers) throw new Error('KAFKA_BROKERS: required');
const grants = kafkaGrants({ prefix: process.env.KAFKA_TOPIC_PREFIX || 'traiettorie' });
const admin = createKafka({ brokers: parseBrokers(brokers), clientId: 'traiettorie-acls' }).admin();
await admin.connect();
try {
  const count = await applyKafkaGrants(admin, grants);
  process.stdout.write(`${count} ACLs for ${new Set(grants.map((g) => g.principal)).size} principals on ${brokers}\n`);
} finally {
  await admin.disconnect();
}
