import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { canConnect, freePort, killOnExit, run, stopChild, waitForPort } from './process.mjs';

export const KAFKA_VERSION = '4.1.1';
const here = path.dirname(fileURLToPath(import.meta.url));
const POM = path.join(here, '..', 'kafka', 'pom.xml');

/** The hub's cache outside the clone: broker jars, a long-lived broker's data. */
export function cacheDir() {
  return process.env.TRAIETTORIE_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'traiettorie');
}

/** Where the broker's jars are cached, keyed by Kafka version. */
export function kafkaLibDir() {
  return path.join(cacheDir(), `kafka-${KAFKA_VERSION}`, 'libs');
}

/**
 * Makes a Kafka broker available and returns its bootstrap address and, for a
 * broker of ours, the SCRAM credentials of its principals (`credentials`,
 * name → password; see `kafkaEnv`):
 * 1. KAFKA_BROKERS when given (credentials: none; the clients use
 *    KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD when set);
 * 2. otherwise a broker already listening on 127.0.0.1:9092 (when `reuseLocal`),
 *    with the credentials kept in `credentialsFile`;
 * 3. otherwise a single-node KRaft broker run with this machine's Java from
 *    Maven Central jars (fetched once with mvn into the cache), requiring
 *    SASL/SCRAM-SHA-512 and enforcing the ACLs of packages/messaging's
 *    `kafkaGrants` (issue 10). Its principals' passwords are made once and
 *    kept in `credentialsFile` (a temporary broker: fresh ones in its dir).
 * `stop()` stops only what this call started.
 */
export async function ensureKafka({ log, dataDir, port, reuseLocal = true, credentialsFile } = {}) {
  if (process.env.KAFKA_BROKERS) {
    log?.(`Kafka: using KAFKA_BROKERS=${process.env.KAFKA_BROKERS}`);
    return { brokers: process.env.KAFKA_BROKERS, stop: async () => {} };
  }
  if (reuseLocal && (await canConnect('127.0.0.1', port ?? 9092))) {
    log?.(`Kafka: using the broker on 127.0.0.1:${port ?? 9092}`);
    const credentials = credentialsFile && existsSync(credentialsFile) ? readCredentials(credentialsFile) : undefined;
    return { brokers: `127.0.0.1:${port ?? 9092}`, credentials, credentialsFile: credentials && credentialsFile, stop: async () => {} };
  }
  const libs = await ensureKafkaJars(log);
  return startBroker({ log, libs, dataDir, port: port ?? (await freePort()), credentialsFile });
}

/**
 * The environment a client of our broker authenticates with: the principal
 * `name`'s SCRAM-SHA-512 credentials, or nothing when the broker is not ours
 * (KAFKA_SASL_* from the user's environment then apply).
 */
export function kafkaEnv(kafka, name) {
  if (!kafka.credentials) return {};
  const password = kafka.credentials[name];
  // A service with no principal of its own (it uses no Kafka) gets no one else's.
  if (!password) return { KAFKA_SASL_USERNAME: '', KAFKA_SASL_PASSWORD: '' };
  return { KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: name, KAFKA_SASL_PASSWORD: password };
}

/** The messaging package's ACL table and principals (built: `npx turbo run build`). */
async function messaging() {
  const entry = path.join(here, '..', '..', 'packages', 'messaging', 'dist', 'index.js');
  if (!existsSync(entry)) throw new Error(`the Kafka ACLs come from ${entry}: build the workspaces first (npx turbo run build)`);
  return import(entry);
}

function readCredentials(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * The SCRAM passwords of every principal, kept (mode 0600) in `file`: made
 * once, random, one per principal; a principal added later gets one on the
 * next start. Delete a line (or the file) to rotate: the next start gives the
 * broker the new password.
 */
function ensureCredentials(file, principals, log) {
  const credentials = existsSync(file) ? readCredentials(file) : {};
  const missing = principals.filter((p) => !credentials[p]);
  if (missing.length > 0) {
    for (const p of missing) credentials[p] = randomBytes(24).toString('hex');
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    log?.(`Kafka: made the SCRAM password of ${missing.join(', ')} in ${file}`);
  }
  return credentials;
}

/** What the broker was given of each principal's password (a hash), to tell which ones it still lacks. */
const credentialDigest = (name, password) => createHash('sha256').update(`${name}\0${password}`).digest('hex');

/** Resolves the broker's class path from Maven Central once; later calls reuse the cache. */
export async function ensureKafkaJars(log) {
  const libs = kafkaLibDir();
  if (existsSync(path.join(libs, '.complete'))) return libs;
  log?.(`Kafka: fetching kafka_2.13 ${KAFKA_VERSION} and its dependencies from Maven Central into ${libs} (once per machine)…`);
  const staging = `${libs}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  await run('mvn', [
    '-B', '-q', '-f', POM,
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${staging}`,
  ]);
  if (!readdirSync(staging).some((f) => f.startsWith('kafka_2.13-'))) throw new Error(`mvn ran but ${staging} holds no kafka_2.13 jar`);
  writeFileSync(path.join(staging, '.complete'), `${new Date().toISOString()}\n`);
  rmSync(libs, { recursive: true, force: true });
  mkdirSync(path.dirname(libs), { recursive: true });
  renameSync(staging, libs);
  return libs;
}

async function startBroker({ log, libs, dataDir, port, credentialsFile }) {
  const temporary = !dataDir;
  const dir = dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'traiettorie-kafka-'));
  mkdirSync(dir, { recursive: true });
  const { kafkaPrincipals, kafkaGrants, applyKafkaGrants, KAFKA_ADMIN } = await messaging();
  credentialsFile ??= path.join(dir, 'credentials.json');
  const credentials = ensureCredentials(credentialsFile, kafkaPrincipals(), log);
  // The broker's own principal (inter-broker and controller connections) is a
  // PLAIN user of its properties file, not of the metadata: it authenticates
  // before any SCRAM credential exists, and gets a new password every start.
  const brokerPassword = randomBytes(24).toString('hex');
  // A kept data dir keeps its identity between starts: the same cluster id,
  // node id and quorum (controller port), so the broker finds its own log
  // again instead of being formatted afresh, which would empty every topic.
  const identityFile = path.join(dir, 'identity.json');
  const identity = existsSync(identityFile) ? JSON.parse(readFileSync(identityFile, 'utf8')) : undefined;
  const controllerPort = identity?.controllerPort ?? (await freePort());
  if (identity && (await canConnect('127.0.0.1', controllerPort))) {
    throw new Error(
      `the Kafka broker kept in ${dir} uses 127.0.0.1:${controllerPort} for its controller, and something else listens there now; ` +
        `stop it, or move the broker's data aside (it is then formatted afresh and the relay republishes the event store)`,
    );
  }
  const clusterId = identity?.clusterId ?? formattedClusterId(path.join(dir, 'log')) ?? randomBytes(16).toString('base64url');
  const logDir = path.join(dir, 'log');
  const properties = path.join(dir, 'server.properties');
  const plain = `org.apache.kafka.common.security.plain.PlainLoginModule required username="broker" password="${brokerPassword}" user_broker="${brokerPassword}";`;
  writeFileSync(
    properties,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      // Clients authenticate with SCRAM-SHA-512 on SASL_PLAINTEXT: the password
      // never crosses the wire, but the traffic is not encrypted (loopback only;
      // a deployment puts TLS in front, SASL_SSL).
      `listeners=CLIENT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=CLIENT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=CLIENT',
      'listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,CLIENT:SASL_PLAINTEXT',
      'listener.name.client.sasl.enabled.mechanisms=SCRAM-SHA-512,PLAIN',
      'listener.name.client.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;',
      `listener.name.client.plain.sasl.jaas.config=${plain}`,
      'sasl.mechanism.inter.broker.protocol=PLAIN',
      'listener.name.controller.sasl.enabled.mechanisms=PLAIN',
      `listener.name.controller.plain.sasl.jaas.config=${plain}`,
      'sasl.mechanism.controller.protocol=PLAIN',
      'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      `super.users=User:broker;User:${KAFKA_ADMIN}`,
      'allow.everyone.if.no.acl.found=false',
      `log.dirs=${logDir}`,
      'num.partitions=3',
      'auto.create.topics.enable=true',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=3',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'transaction.state.log.num.partitions=3',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(dir, 'log4j2.properties'),
    [
      'rootLogger.level=WARN',
      'rootLogger.appenderRef.file.ref=file',
      'appender.file.type=File',
      'appender.file.name=file',
      `appender.file.fileName=${path.join(dir, 'broker.log')}`,
      'appender.file.layout.type=PatternLayout',
      'appender.file.layout.pattern=[%d] %p %m (%c)%n',
      'logger.kafka.name=kafka',
      'logger.kafka.level=INFO',
      '',
    ].join('\n'),
  );
  chmodSync(properties, 0o600);
  const classpath = `${libs}/*`;
  // Which principals' passwords the broker's metadata holds (digests), kept next to its log.
  const givenFile = path.join(dir, 'scram-credentials.json');
  let given = existsSync(givenFile) && existsSync(path.join(logDir, 'meta.properties')) ? JSON.parse(readFileSync(givenFile, 'utf8')) : {};
  if (!existsSync(path.join(logDir, 'meta.properties'))) {
    // A new data dir, or one whose log was wiped: format it (with the kept cluster id, if any),
    // writing every principal's SCRAM credentials into the new metadata log.
    const scram = Object.entries(credentials).flatMap(([name, password]) => ['--add-scram', `SCRAM-SHA-512=[name=${name},password=${password}]`]);
    await run('java', ['-cp', classpath, 'kafka.tools.StorageTool', 'format', `--cluster-id=${clusterId}`, '--config', properties, ...scram]);
    given = Object.fromEntries(Object.entries(credentials).map(([name, password]) => [name, credentialDigest(name, password)]));
    writeFileSync(givenFile, `${JSON.stringify(given, null, 2)}\n`);
    if (identity) log?.(`Kafka: the broker's log in ${logDir} was missing; formatted it afresh`);
  }
  if (!identity && !temporary) writeFileSync(identityFile, `${JSON.stringify({ clusterId, controllerPort, nodeId: 1 }, null, 2)}\n`);
  log?.(`Kafka: starting a KRaft broker (${KAFKA_VERSION}) on 127.0.0.1:${port}`);
  const out = createWriteStream(path.join(dir, 'stdout.log'));
  const child = spawn(
    'java',
    [
      '-Xms256m', '-Xmx768m', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:TieredStopAtLevel=1',
      `-Dlog4j2.configurationFile=${path.join(dir, 'log4j2.properties')}`,
      '-cp', classpath, 'kafka.Kafka', properties,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  killOnExit(child);
  const stop = async () => {
    await stopChild(child, 20_000);
    if (temporary) rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort('127.0.0.1', port, {
      timeoutMs: 90_000,
      what: `the Kafka broker (logs in ${dir})`,
      isAlive: () => child.exitCode === null,
    });
    const stale = Object.keys(credentials).filter((name) => given[name] !== credentialDigest(name, credentials[name]));
    if (stale.length > 0) {
      // A broker formatted before SCRAM (or a principal added, or a password rotated): give the
      // broker those credentials through its admin API, authenticated as the broker itself; its data stays.
      log?.(`Kafka: giving the broker the SCRAM credentials of ${stale.join(', ')}`);
      await addScramCredentials({ classpath, dir, port, brokerPassword, credentials, names: stale });
      for (const name of stale) given[name] = credentialDigest(name, credentials[name]);
      writeFileSync(givenFile, `${JSON.stringify(given, null, 2)}\n`);
    }
    const grants = kafkaGrants();
    const count = await withAdmin(`127.0.0.1:${port}`, { mechanism: 'scram-sha-512', username: KAFKA_ADMIN, password: credentials[KAFKA_ADMIN] }, (admin) =>
      applyKafkaGrants(admin, grants),
    );
    log?.(`Kafka: SASL/SCRAM-SHA-512 required; ${count} ACLs for ${new Set(grants.map((g) => g.principal)).size} principals`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { brokers: `127.0.0.1:${port}`, dir, credentials, credentialsFile, stop };
}

/** Runs `use` with a kafkajs admin of the broker, authenticated with `sasl`. */
export async function withAdmin(brokers, sasl, use) {
  const { createKafka } = await messaging();
  const admin = createKafka({ brokers: brokers.split(','), clientId: 'traiettorie-infra', sasl }).admin();
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Upserts SCRAM-SHA-512 credentials with Kafka's ConfigCommand (kafkajs has no AlterUserScramCredentials). */
async function addScramCredentials({ classpath, dir, port, brokerPassword, credentials, names }) {
  const config = path.join(dir, 'infra-client.properties');
  writeFileSync(
    config,
    [
      'security.protocol=SASL_PLAINTEXT',
      'sasl.mechanism=PLAIN',
      `sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="broker" password="${brokerPassword}";`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  try {
    for (const name of names) {
      await run('java', [
        '-cp', classpath, 'kafka.admin.ConfigCommand',
        '--bootstrap-server', `127.0.0.1:${port}`, '--command-config', config,
        '--alter', '--entity-type', 'users', '--entity-name', name,
        '--add-config', `SCRAM-SHA-512=[password=${credentials[name]}]`,
      ]);
    }
  } finally {
    rmSync(config, { force: true });
  }
}

/** The cluster id a formatted log dir carries (meta.properties), if any. */
function formattedClusterId(logDir) {
  const meta = path.join(logDir, 'meta.properties');
  if (!existsSync(meta)) return undefined;
  return /^cluster\.id=(.+)$/m.exec(readFileSync(meta, 'utf8'))?.[1]?.trim();
}
