import { catalogueClassification } from '@traiettorie/contracts';
import {
  appendCheckpointFile,
  chainKeysFromEnv,
  createPostgresEventStore,
  keyWrapperFromEnv,
  lastCheckpoint,
  migrateEventStore,
  rewrapDataKeys,
  signChainCheckpoint,
  startSealer,
  type ChainCheckpoint,
  type ChainHead,
  type SealRefusal,
} from '@traiettorie/event-store';
import {
  createKafka,
  createRelay,
  createRelaySigner,
  ensureTopics,
  IDEMPOTENT_PRODUCER,
  loadKey,
  migrateRelayLedger,
  parseBrokers,
} from '@traiettorie/messaging';
import { createPgPool, runService } from '@traiettorie/nest-kit';
import { createPublicKey } from 'node:crypto';
import http from 'node:http';
import { loadConfig } from './config.js';

const log = (message: string, fields: Record<string, unknown> = {}, level = 'log') =>
  process.stdout.write(`${JSON.stringify({ level, context: 'relay', message, ...fields })}\n`);

/**
 * The relay process: publishes the event store's global log to Kafka and seals
 * its chain (ADR 6), publishing signed checkpoints of the chain's head to
 * CHAIN_CHECKPOINT_FILE and to `<prefix>.chain-checkpoints`. It has no API;
 * `GET /health` answers 200 while it runs and the chain follows the log, 503
 * with `sealing: 'refused'` and the offending position when the sealer found a
 * row it must not seal (the log is still published meanwhile).
 */
runService('relay', async () => {
  const config = loadConfig();
  // TRAIETTORIE_KEK / TRAIETTORIE_KEK_FILE (TRAIETTORIE_DEV_KEK=1 in development): refuses to start without one.
  const keyEncryptionKey = keyWrapperFromEnv();
  // TRAIETTORIE_CHAIN_KEY / TRAIETTORIE_CHAIN_KEY_FILE (TRAIETTORIE_DEV_CHAIN_KEY=1 in development): likewise.
  const chainKeys = chainKeysFromEnv();
  const pool = createPgPool(config.DATABASE_URL, 4);
  await migrateEventStore(pool);
  await migrateRelayLedger(pool);
  const [signingKey, ...others] = loadKey(config.RELAY_SIGNING_KEY, 'private');
  if (!signingKey || others.length > 0) throw new Error('RELAY_SIGNING_KEY: exactly one private key expected');
  const signer = createRelaySigner(signingKey);
  await rewrapDataKeys(pool, keyEncryptionKey);
  const store = createPostgresEventStore(pool, { personalData: catalogueClassification, keyEncryptionKey, chainKeys });
  const kafka = createKafka({ brokers: parseBrokers(config.KAFKA_BROKERS), clientId: `relay-${config.RELAY_NAME}` });

  // Checkpoints of the chain's head, signed with the relay's key, outside the database.
  const checkpointTopic = `${config.KAFKA_TOPIC_PREFIX}.chain-checkpoints`;
  await ensureTopics(kafka, [checkpointTopic], 1);
  const checkpointProducer = kafka.producer(IDEMPOTENT_PRODUCER);
  await checkpointProducer.connect();
  const anchor = config.CHAIN_CHECKPOINT_FILE ? lastCheckpoint(config.CHAIN_CHECKPOINT_FILE, [createPublicKey(signingKey)]) : undefined;
  if (anchor) log('sealer anchored at the last signed checkpoint', { seq: anchor.seq, hash: anchor.hash });
  let checkpointed: { seq: number; at: number } = { seq: anchor?.seq ?? 0, at: anchor ? Date.parse(anchor.time) : 0 };
  let lastCheckpointWritten: ChainCheckpoint | undefined = anchor;
  const checkpoint = async (head: ChainHead) => {
    const checkpoint = signChainCheckpoint(head, signingKey);
    if (config.CHAIN_CHECKPOINT_FILE) appendCheckpointFile(config.CHAIN_CHECKPOINT_FILE, checkpoint);
    const message = { key: 'chain', value: JSON.stringify(checkpoint) };
    await checkpointProducer.send({
      topic: checkpointTopic,
      messages: [{ ...message, headers: signer.sign(checkpointTopic, message, head.globalPosition) }],
    });
    checkpointed = { seq: head.seq, at: Date.now() };
    lastCheckpointWritten = checkpoint;
  };

  let lastRefusal: string | undefined;
  const sealer = startSealer(store, {
    ...(anchor ? { anchor: { seq: anchor.seq, hash: anchor.hash } } : {}),
    onError: (error) => log('sealing failed', { error: String(error) }, 'error'),
    onRefused: (refusal: SealRefusal) => {
      // Once per distinct refusal (it repeats every second while it lasts): the alarm row is in event_store.chain_alarms.
      const key = `${refusal.reason}@${refusal.globalPosition}`;
      if (key === lastRefusal) return;
      lastRefusal = key;
      log('ALARM: the sealer refuses to seal; the chain stops here until this is investigated', {
        ...refusal,
        ...(anchor && (refusal.reason === 'chain-truncated' || refusal.reason === 'chain-rewritten')
          ? { checkpoints: `${config.CHAIN_CHECKPOINT_FILE} holds entry ${anchor.seq}, signed ${anchor.time}, which this database's chain no longer has (if the database was knowingly made anew, move that file away)` }
          : {}),
      }, 'error');
    },
    onSealed: async (result) => {
      if (result.refused || !result.head || result.head.seq <= checkpointed.seq) return;
      if (Date.now() - checkpointed.at < config.CHAIN_CHECKPOINT_INTERVAL_MS) return;
      await checkpoint(result.head).catch((error: unknown) => log('chain checkpoint failed', { error: String(error) }, 'error'));
    },
  });
  const relay = createRelay({
    name: config.RELAY_NAME,
    store,
    pool,
    kafka,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    signer,
    batchSize: config.RELAY_BATCH_SIZE,
    log,
    onFatal: () => process.exit(1),
  });
  await relay.start();
  const server = http.createServer((req, res) => {
    if (req.url !== '/health') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 404 }));
      return;
    }
    const sealing = sealer.state();
    const refused = sealing.sealing === 'refused';
    res.writeHead(refused ? 503 : 200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        status: refused ? 'alarm' : 'ok',
        pid: process.pid,
        active: relay.isActive(),
        published: relay.published(),
        republications: relay.republications(),
        signingKeyId: signer.keyId,
        sealing: sealing.sealing,
        chainHead: sealing.head,
        ...(sealing.refused ? { refused: sealing.refused } : {}),
        ...(sealing.error ? { sealingError: sealing.error } : {}),
        lastCheckpoint: lastCheckpointWritten ? { seq: lastCheckpointWritten.seq, time: lastCheckpointWritten.time } : null,
      }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  log(`listening on http://${config.HOST}:${config.PORT} (health only)`);
  const shutdown = async () => {
    server.close();
    await relay.stop();
    await sealer.stop();
    // The newest head, checkpointed on the way out.
    const head = sealer.state().head;
    if (head && head.seq > checkpointed.seq && sealer.state().sealing === 'sealing') {
      await checkpoint(head).catch((error: unknown) => log('chain checkpoint failed', { error: String(error) }, 'error'));
    }
    await checkpointProducer.disconnect().catch(() => undefined);
    await pool.end();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
});
