import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
 * Makes a Kafka broker available and returns its bootstrap address:
 * 1. KAFKA_BROKERS when given;
 * 2. otherwise a broker already listening on 127.0.0.1:9092 (when `reuseLocal`);
 * 3. otherwise a single-node KRaft broker run with this machine's Java from
 *    Maven Central jars (fetched once with mvn into the cache).
 * `stop()` stops only what this call started.
 */
export async function ensureKafka({ log, dataDir, port, reuseLocal = true } = {}) {
  if (process.env.KAFKA_BROKERS) {
    log?.(`Kafka: using KAFKA_BROKERS=${process.env.KAFKA_BROKERS}`);
    return { brokers: process.env.KAFKA_BROKERS, stop: async () => {} };
  }
  if (reuseLocal && (await canConnect('127.0.0.1', port ?? 9092))) {
    log?.(`Kafka: using the broker on 127.0.0.1:${port ?? 9092}`);
    return { brokers: `127.0.0.1:${port ?? 9092}`, stop: async () => {} };
  }
  const libs = await ensureKafkaJars(log);
  return startBroker({ log, libs, dataDir, port: port ?? (await freePort()) });
}

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

async function startBroker({ log, libs, dataDir, port }) {
  const temporary = !dataDir;
  const dir = dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'traiettorie-kafka-'));
  mkdirSync(dir, { recursive: true });
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
  writeFileSync(
    properties,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
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
  const classpath = `${libs}/*`;
  if (!existsSync(path.join(logDir, 'meta.properties'))) {
    // A new data dir, or one whose log was wiped: format it (with the kept cluster id, if any).
    await run('java', ['-cp', classpath, 'kafka.tools.StorageTool', 'format', `--cluster-id=${clusterId}`, '--config', properties]);
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
  await waitForPort('127.0.0.1', port, {
    timeoutMs: 90_000,
    what: `the Kafka broker (logs in ${dir})`,
    isAlive: () => child.exitCode === null,
  });
  return {
    brokers: `127.0.0.1:${port}`,
    dir,
    async stop() {
      await stopChild(child, 20_000);
      if (temporary) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The cluster id a formatted log dir carries (meta.properties), if any. */
function formattedClusterId(logDir) {
  const meta = path.join(logDir, 'meta.properties');
  if (!existsSync(meta)) return undefined;
  return /^cluster\.id=(.+)$/m.exec(readFileSync(meta, 'utf8'))?.[1]?.trim();
}
