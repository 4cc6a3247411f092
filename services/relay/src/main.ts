import {
  catalogueClassification,
  createPostgresEventStore,
  keyWrapperFromEnv,
  migrateEventStore,
  rewrapDataKeys,
  startSealer,
} from '@traiettorie/event-store';
import { createKafka, createRelay, createRelaySigner, loadKey, migrateRelayLedger, parseBrokers } from '@traiettorie/messaging';
import { createPgPool, runService } from '@traiettorie/nest-kit';
import http from 'node:http';
import { loadConfig } from './config.js';

const log = (message: string, fields: Record<string, unknown> = {}) =>
  process.stdout.write(`${JSON.stringify({ level: 'log', context: 'relay', message, ...fields })}\n`);

/**
 * The relay process: publishes the event store's global log to Kafka and seals
 * its hash chain. It has
 * no API; `GET /health` answers 200 while it runs, with what it published.
 */
runService('relay', async () => {
  const config = loadConfig();
  // TRAIETTORIE_KEK / TRAIETTORIE_KEK_FILE (TRAIETTORIE_DEV_KEK=1 in development): refuses to start without one.
  const keyEncryptionKey = keyWrapperFromEnv();
  const pool = createPgPool(config.DATABASE_URL, 4);
  await migrateEventStore(pool);
  await migrateRelayLedger(pool);
  const [signingKey, ...others] = loadKey(config.RELAY_SIGNING_KEY, 'private');
  if (!signingKey || others.length > 0) throw new Error('RELAY_SIGNING_KEY: exactly one private key expected');
  const signer = createRelaySigner(signingKey);
  await rewrapDataKeys(pool, keyEncryptionKey);
  const store = createPostgresEventStore(pool, { personalData: catalogueClassification, keyEncryptionKey });
  // The relay process also keeps the tamper-evident chain sealed behind the appends.
  const sealer = startSealer(store, { onError: (error) => log('sealing failed', { error: String(error) }) });
  const relay = createRelay({
    name: config.RELAY_NAME,
    store,
    pool,
    kafka: createKafka({ brokers: parseBrokers(config.KAFKA_BROKERS), clientId: `relay-${config.RELAY_NAME}` }),
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    signer,
    batchSize: config.RELAY_BATCH_SIZE,
    log,
    onFatal: () => process.exit(1),
  });
  await relay.start();
  const server = http.createServer((req, res) => {
    const ok = req.url === '/health';
    res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' });
    const health = {
      status: 'ok',
      pid: process.pid,
      active: relay.isActive(),
      published: relay.published(),
      republications: relay.republications(),
      signingKeyId: signer.keyId,
    };
    res.end(JSON.stringify(ok ? health : { status: 404 }));
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
    await pool.end();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
});
