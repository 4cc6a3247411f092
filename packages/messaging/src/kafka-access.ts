import { demoClients, isAgencyKind, type ClientRegistration } from '@traiettorie/access';
import { catalogue, consumers, deadLetterTopicOf, topicOf, type ConsumerDeclaration } from '@traiettorie/contracts';
import { readFileSync } from 'node:fs';
import kafkajs, { type AclEntry, type AclOperationTypes, type Admin, type SASLOptions } from 'kafkajs';

// kafkajs is CommonJS: its enums are values of its default export only.
const { AclOperationTypes: Operation, AclPermissionTypes: Permission, AclResourceTypes: Resource, ResourcePatternTypes: Pattern } = kafkajs;

/**
 * Who may do what on the hub's Kafka (issue 10): one SCRAM principal per
 * service that talks to Kafka, an `operator` that alone reads the dead-letter
 * topics, and `admin` (a super user of the broker) for our infra scripts.
 * Services that only append over HTTP and consume nothing have no principal.
 */
export const KAFKA_ADMIN = 'admin';
export const KAFKA_RELAY = 'relay';
export const KAFKA_OPERATOR = 'operator';
/** The events service: it reads every agency's inbound topic and answers on its replies topic. */
export const KAFKA_EVENTS = 'events';

/**
 * An agency's inbound topic, `<prefix>.inbound.<clientId>`: where its own
 * system publishes events (CloudEvents, as to `POST /events`); only its
 * principal writes it, and the events service reads it.
 */
export function inboundTopicOf(clientId: string, prefix = 'traiettorie'): string {
  return `${prefix}.inbound.${clientId}`;
}

/** Where the events service answers an agency's inbound events, `<prefix>.inbound.<clientId>.replies`: accepted, duplicate or refused. */
export function repliesTopicOf(clientId: string, prefix = 'traiettorie'): string {
  return `${inboundTopicOf(clientId, prefix)}.replies`;
}

/** The clients that may publish (agency kinds; readers publish nothing): each is a Kafka principal named by its client id. */
export function inboundClients(registry: readonly ClientRegistration[] = demoClients): string[] {
  return registry.filter((c) => isAgencyKind(c.kind)).map((c) => c.clientId);
}

/** The SCRAM principals the hub's broker holds credentials for: the hub's own, then one per publishing client of the registry. */
export function kafkaPrincipals(registry: readonly ClientRegistration[] = demoClients): string[] {
  return [KAFKA_ADMIN, KAFKA_RELAY, ...consumers.map((c) => c.service), KAFKA_EVENTS, KAFKA_OPERATOR, ...inboundClients(registry)];
}

export type KafkaOperation = 'read' | 'write' | 'describe' | 'create';

/** One row of the ACL table: a principal's operations on a topic or consumer group (or every one named with a prefix). */
export interface KafkaGrant {
  readonly principal: string;
  readonly resource: 'topic' | 'group';
  readonly name: string;
  readonly pattern: 'literal' | 'prefixed';
  readonly operations: readonly KafkaOperation[];
}

export interface KafkaGrantOptions {
  /** The topic prefix (`KAFKA_TOPIC_PREFIX`), `traiettorie` by default. */
  readonly prefix?: string;
  /** The consumer group a consuming service joins (its declaration's by default, as `KAFKA_GROUP_ID` unset). */
  readonly groupOf?: (consumer: ConsumerDeclaration) => string;
  /** The client registry whose publishing clients get an inbound topic (`demoClients` by default). */
  readonly clients?: readonly ClientRegistration[];
  /** The events service's consumer group (`KAFKA_GROUP_ID` of the events service; `events` by default). */
  readonly eventsGroup?: string;
}

/**
 * The ACL table, derived from the contracts: the relay writes (and creates)
 * every context topic, `<prefix>.unrouted` and `<prefix>.chain-checkpoints`;
 * each consumer reads the topics of the contexts it subscribes to, in its own
 * group, and writes only its own dead-letter topic; the operator reads the
 * dead-letter topics (any group whose name starts with `<prefix>-operator`).
 * The admin needs no row: it is a super user.
 */
export function kafkaGrants({ prefix = 'traiettorie', groupOf = (c) => c.groupId, clients = demoClients, eventsGroup = KAFKA_EVENTS }: KafkaGrantOptions = {}): KafkaGrant[] {
  const topic = (principal: string, name: string, operations: KafkaOperation[], pattern: KafkaGrant['pattern'] = 'literal'): KafkaGrant => ({
    principal,
    resource: 'topic',
    name,
    pattern,
    operations,
  });
  const relayTopics = [...new Set(catalogue.map((d) => topicOf(d.context, prefix))), `${prefix}.unrouted`, `${prefix}.chain-checkpoints`];
  const grants: KafkaGrant[] = relayTopics.map((name) => topic(KAFKA_RELAY, name, ['write', 'describe', 'create']));
  for (const consumer of consumers as readonly ConsumerDeclaration[]) {
    for (const context of consumer.contexts) grants.push(topic(consumer.service, topicOf(context, prefix), ['read', 'describe']));
    grants.push(topic(consumer.service, deadLetterTopicOf(groupOf(consumer), prefix), ['write', 'describe', 'create']));
    grants.push({ principal: consumer.service, resource: 'group', name: groupOf(consumer), pattern: 'literal', operations: ['read', 'describe'] });
  }
  // Each publishing client writes its own inbound topic alone and reads its replies, in groups named after it;
  // the events service reads every inbound topic (and may create it) and alone writes the replies.
  for (const clientId of inboundClients(clients)) {
    grants.push(topic(clientId, inboundTopicOf(clientId, prefix), ['write', 'describe']));
    grants.push(topic(clientId, repliesTopicOf(clientId, prefix), ['read', 'describe']));
    grants.push({ principal: clientId, resource: 'group', name: `${prefix}-${clientId}`, pattern: 'prefixed', operations: ['read', 'describe'] });
    grants.push(topic(KAFKA_EVENTS, inboundTopicOf(clientId, prefix), ['read', 'describe', 'create']));
    grants.push(topic(KAFKA_EVENTS, repliesTopicOf(clientId, prefix), ['write', 'describe', 'create']));
  }
  grants.push({ principal: KAFKA_EVENTS, resource: 'group', name: eventsGroup, pattern: 'literal', operations: ['read', 'describe'] });
  grants.push(topic(KAFKA_OPERATOR, `${prefix}.dlq.`, ['read', 'describe'], 'prefixed'));
  grants.push({ principal: KAFKA_OPERATOR, resource: 'group', name: `${prefix}-operator`, pattern: 'prefixed', operations: ['read', 'describe'] });
  return grants;
}

const operationTypes: Record<KafkaOperation, AclOperationTypes> = {
  read: Operation.READ,
  write: Operation.WRITE,
  describe: Operation.DESCRIBE,
  create: Operation.CREATE,
};

/** The grants as kafkajs ACL entries (ALLOW, any host). */
export function toAclEntries(grants: readonly KafkaGrant[]): AclEntry[] {
  return grants.flatMap((g) =>
    g.operations.map((operation) => ({
      resourceType: g.resource === 'topic' ? Resource.TOPIC : Resource.GROUP,
      resourceName: g.name,
      resourcePatternType: g.pattern === 'literal' ? Pattern.LITERAL : Pattern.PREFIXED,
      principal: `User:${g.principal}`,
      host: '*',
      operation: operationTypes[operation],
      permissionType: Permission.ALLOW,
    })),
  );
}

/** Creates the ACLs of the grants through an admin connected as a super user; the broker ignores ACLs it already holds, so every start may run it. */
export async function applyKafkaGrants(admin: Admin, grants: readonly KafkaGrant[]): Promise<number> {
  const acl = toAclEntries(grants);
  await admin.createAcls({ acl });
  return acl.length;
}

/**
 * The SASL settings of `KAFKA_SASL_USERNAME` / `KAFKA_SASL_PASSWORD` (or
 * `KAFKA_SASL_PASSWORD_FILE`, a file holding it, as container secrets are
 * given; mechanism `KAFKA_SASL_MECHANISM`, `scram-sha-512` by default), or
 * none when they are unset.
 */
export function kafkaSaslFromEnv(env: NodeJS.ProcessEnv = process.env): SASLOptions | undefined {
  const username = env['KAFKA_SASL_USERNAME'];
  const file = env['KAFKA_SASL_PASSWORD_FILE'];
  const password = env['KAFKA_SASL_PASSWORD'] || (file ? readFileSync(file, 'utf8').trim() : undefined);
  if (!username && !password) return undefined;
  if (!username || !password) throw new Error('KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD go together: set both or neither');
  const mechanism = env['KAFKA_SASL_MECHANISM'] ?? 'scram-sha-512';
  if (mechanism !== 'scram-sha-512' && mechanism !== 'scram-sha-256' && mechanism !== 'plain') {
    throw new Error(`KAFKA_SASL_MECHANISM: ${mechanism} is not one of scram-sha-512, scram-sha-256, plain`);
  }
  return { mechanism, username, password };
}
