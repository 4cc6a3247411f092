import { beforeAll, describe, expect, it } from '@jest/globals';
import { catalogue, deadLetterTopicOf, topicOf } from '@traiettorie/contracts';
import { requireEnv, uniqueName, waitFor } from '@traiettorie/testing';
import { Kafka, logLevel } from 'kafkajs';
import { readFileSync } from 'node:fs';
import { applyKafkaGrants, inboundTopicOf, KAFKA_ADMIN, KAFKA_EVENTS, KAFKA_OPERATOR, KAFKA_RELAY, kafkaGrants, kafkaPrincipals, repliesTopicOf } from './kafka-access.js';
import { createKafka, ensureTopics, IDEMPOTENT_PRODUCER, parseBrokers } from './kafka-client.js';

/**
 * The Kafka error code's name (TOPIC_AUTHORIZATION_FAILED…) of a kafkajs
 * error, through the wrappers kafkajs puts around it (which keep its message
 * only), or else the client's error name.
 */
function errorCode(error: unknown): string {
  for (let e = error as { type?: string; name?: string; message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.type) return e.type;
    if (e.message?.startsWith('Not authorized to access topics')) return 'TOPIC_AUTHORIZATION_FAILED';
    if (e.message?.startsWith('Not authorized to access group')) return 'GROUP_AUTHORIZATION_FAILED';
  }
  return (error as { name?: string }).name ?? String(error);
}

/** What the broker answered a call: `allowed`, or the refusal's error code. */
async function refusal(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    return errorCode(error);
  }
  return 'allowed';
}

/**
 * The broker our infra starts (issue 10) requires SASL/SCRAM-SHA-512 and
 * enforces the ACL table of `kafkaGrants` with Kafka's StandardAuthorizer.
 * Each principal here logs in with the password the infra made for it
 * (KAFKA_CREDENTIALS_FILE); the ACLs are those of a topic prefix of this test's.
 */
describe('Kafka access: SCRAM principals and ACLs on the real broker', () => {
  const brokers = parseBrokers(requireEnv('KAFKA_BROKERS'));
  const prefix = uniqueName('acl');
  const topic = (context: string) => topicOf(context as never, prefix);
  const employmentDlq = deadLetterTopicOf('employment-centre', prefix);
  const readModelsDlq = deadLetterTopicOf('read-models', prefix);
  let credentials: Record<string, string>;

  const as = (username: string, password = credentials[username] ?? 'none'): Kafka =>
    createKafka({ brokers, clientId: `acl-test-${username}`, sasl: { mechanism: 'scram-sha-512', username, password } });

  beforeAll(async () => {
    const file = requireEnv('KAFKA_CREDENTIALS_FILE');
    credentials = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    const admin = as(KAFKA_ADMIN).admin();
    await admin.connect();
    try {
      await applyKafkaGrants(admin, kafkaGrants({ prefix }));
    } finally {
      await admin.disconnect();
    }
  });

  /** Sends one message as `kafka`'s principal with a plain (not idempotent) producer; what the broker answered. */
  async function write(kafka: Kafka, to: string): Promise<string> {
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      return await refusal(producer.send({ topic: to, acks: -1, messages: [{ value: 'x' }] }));
    } finally {
      await producer.disconnect();
    }
  }

  /**
   * Reads `from` from the beginning as `principal` in group `groupId`: the
   * values read, or the refusal. kafkajs reports a FindCoordinator refused
   * (GROUP_AUTHORIZATION_FAILED) as "group coordinator not found" and logs the
   * broker's answer at debug level only: that log is read for the code.
   */
  async function read(principal: string, from: string, groupId: string, expected = 1): Promise<string[] | string> {
    const answers: string[] = [];
    const kafka = createKafka(
      { brokers, clientId: `acl-test-${principal}`, sasl: { mechanism: 'scram-sha-512', username: principal, password: credentials[principal] ?? '' } },
      {
        logLevel: logLevel.DEBUG,
        logCreator: () => ({ log }) => {
          const code = (log['error'] as { type?: string } | undefined)?.type;
          if (code) answers.push(code);
        },
      },
    );
    const consumer = kafka.consumer({ groupId, sessionTimeout: 6000, maxWaitTimeInMs: 300 });
    const values: string[] = [];
    let crashed: string | undefined;
    consumer.on(consumer.events.CRASH, ({ payload }) => void (crashed = errorCode(payload.error)));
    await consumer.connect();
    try {
      const subscribed = await refusal(consumer.subscribe({ topics: [from], fromBeginning: true }));
      if (subscribed !== 'allowed') return subscribed;
      await consumer.run({ eachMessage: async ({ message }) => void values.push(message.value?.toString() ?? '') });
      await waitFor(() => (crashed ? -1 : values.length), (n) => n < 0 || n >= expected, { what: `${expected} message(s) on ${from} or a refusal`, timeoutMs: 30_000 });
      if (crashed === 'KafkaJSGroupCoordinatorNotFound' && answers.includes('GROUP_AUTHORIZATION_FAILED')) return 'GROUP_AUTHORIZATION_FAILED';
      return crashed ?? values;
    } finally {
      await consumer.disconnect();
    }
  }

  it('has a principal for the relay, each consuming service, the events service, the operator and each publishing client, besides the admin', () => {
    expect(kafkaPrincipals()).toEqual(['admin', 'relay', 'employment-centre', 'social-services', 'third-sector', 'read-models', 'events', 'operator', 'ss-sesto', 'ss-adda', 'cpi-sesto', 'cps-sesto', 'serd-sesto', 'ets-sesto', 'prog-sesto']);
    expect(Object.keys(credentials).sort()).toEqual([...kafkaPrincipals()].sort());
  });

  it('refuses a client without credentials, with a wrong password, or with another service’s password', async () => {
    const once = { retry: { retries: 0 } };
    // A plain kafkajs client: createKafka would take the credentials of the environment.
    const anonymous = new Kafka({ brokers, clientId: 'acl-test-anonymous', ...once });
    // Without SASL the listener closes the connection on the first request.
    const anonymousAdmin = anonymous.admin();
    expect(await refusal(anonymousAdmin.connect().then(() => anonymousAdmin.listTopics()))).toMatch(/KafkaJSConnection(Closed)?Error/);
    await anonymousAdmin.disconnect();
    const login = async (username: string, password: string) => {
      const admin = new Kafka({ brokers, clientId: 'acl-test-login', sasl: { mechanism: 'scram-sha-512', username, password }, ...once }).admin();
      try {
        await admin.connect();
        await admin.listTopics();
      } finally {
        await admin.disconnect();
      }
    };
    expect(await refusal(login('relay', 'not-the-password'))).toBe('KafkaJSSASLAuthenticationError');
    expect(await refusal(login('employment-centre', credentials['read-models'] ?? ''))).toBe('KafkaJSSASLAuthenticationError');
    expect(await refusal(login('nobody', credentials[KAFKA_ADMIN] ?? ''))).toBe('KafkaJSSASLAuthenticationError');
    // The right password is let in: what was refused above is the credentials, not the client.
    expect(await refusal(login('read-models', credentials['read-models'] ?? ''))).toBe('allowed');
  });

  it('lets the relay create and write every topic it publishes to, with the idempotent producer the relay uses', async () => {
    const relay = as(KAFKA_RELAY);
    const topics = [...new Set(catalogue.map((d) => topic(d.context))), `${prefix}.unrouted`, `${prefix}.chain-checkpoints`];
    await ensureTopics(relay, topics);
    const producer = relay.producer({ ...IDEMPOTENT_PRODUCER });
    await producer.connect();
    try {
      for (const t of topics) await producer.send({ topic: t, acks: -1, messages: [{ value: `from the relay to ${t}` }] });
    } finally {
      await producer.disconnect();
    }
    // But the relay reads none of them, and writes no dead-letter topic.
    expect(await read(KAFKA_RELAY, topic('social-services'), 'relay')).toBe('GROUP_AUTHORIZATION_FAILED');
    expect(await write(relay, employmentDlq)).toBe('TOPIC_AUTHORIZATION_FAILED');
  });

  it('lets the employment centre read the social-services topic in its own group, and nothing else', async () => {
    const cpi = as('employment-centre');
    expect(await read('employment-centre', topic('social-services'), 'employment-centre')).toEqual(['from the relay to ' + topic('social-services')]);
    // A context it does not consume, another service's group, a context topic to write to.
    expect(await read('employment-centre', topic('health-services'), 'employment-centre')).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await read('employment-centre', topic('employment-centre'), 'employment-centre')).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await read('employment-centre', topic('social-services'), 'read-models')).toBe('GROUP_AUTHORIZATION_FAILED');
    expect(await write(cpi, topic('social-services'))).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await write(cpi, topic('employment-centre'))).toBe('TOPIC_AUTHORIZATION_FAILED');
  });

  it('lets the read models read the context topics they consume (never the health services’) but write none', async () => {
    const readModels = as('read-models');
    expect(await read('read-models', topic('programme'), 'read-models')).toEqual(['from the relay to ' + topic('programme')]);
    expect(await read('read-models', topic('health-services'), 'read-models')).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await write(readModels, topic('social-services'))).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await write(readModels, `${prefix}.chain-checkpoints`)).toBe('TOPIC_AUTHORIZATION_FAILED');
  });

  it('lets a service write only its own dead-letter topic, read none, and the operator alone read them', async () => {
    const cpi = as('employment-centre');
    const readModels = as('read-models');
    await ensureTopics(cpi, [employmentDlq]);
    await ensureTopics(readModels, [readModelsDlq]);
    expect(await write(cpi, employmentDlq)).toBe('allowed');
    expect(await write(cpi, readModelsDlq)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await read('employment-centre', employmentDlq, 'employment-centre')).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await read('read-models', employmentDlq, 'read-models')).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await read(KAFKA_RELAY, employmentDlq, 'relay')).toBe('TOPIC_AUTHORIZATION_FAILED');
    const operator = as(KAFKA_OPERATOR);
    expect(await read(KAFKA_OPERATOR, employmentDlq, `${prefix}-operator-1`)).toEqual(['x']);
    // The operator reads dead letters only, and writes nothing.
    expect(await read(KAFKA_OPERATOR, topic('social-services'), `${prefix}-operator-2`)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await write(operator, employmentDlq)).toBe('TOPIC_AUTHORIZATION_FAILED');
  });

  it('lets a client alone write its inbound topic and read its replies; the events service reads the inbound topics and alone answers; the relay alone writes the context topics', async () => {
    const sesto = inboundTopicOf('ss-sesto', prefix);
    const sestoReplies = repliesTopicOf('ss-sesto', prefix);
    const events = as(KAFKA_EVENTS);
    await ensureTopics(events, [sesto, sestoReplies, inboundTopicOf('cpi-sesto', prefix)]);
    expect(await write(as('ss-sesto'), sesto)).toBe('allowed');
    // Another client, another agency kind, a hub service: none may write ss-sesto's inbound topic.
    expect(await write(as('ss-adda'), sesto)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await write(as('cpi-sesto'), sesto)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await write(events, sesto)).toBe('TOPIC_AUTHORIZATION_FAILED');
    // A client writes no context topic: those are the relay's alone.
    expect(await write(as('ss-sesto'), topic('social-services'))).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await write(events, topic('social-services'))).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await read(KAFKA_EVENTS, sesto, KAFKA_EVENTS)).toEqual(['x']);
    expect(await write(events, sestoReplies)).toBe('allowed');
    expect(await write(as('ss-sesto'), sestoReplies)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await read('ss-sesto', sestoReplies, `${prefix}-ss-sesto-1`)).toEqual(['x']);
    // Another client reads neither the inbound topic nor the replies of ss-sesto.
    expect(await read('ss-adda', sestoReplies, `${prefix}-ss-adda-1`)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await read('cpi-sesto', sesto, `${prefix}-cpi-sesto-1`)).toBe('TOPIC_AUTHORIZATION_FAILED');
  });
});
