import type { Kafka, RecordMetadata } from 'kafkajs';
import type pg from 'pg';

/**
 * What the relay knows it wrote to Kafka, kept in PostgreSQL next to its
 * checkpoint and saved in the same transaction: the broker cluster's id and,
 * per topic-partition, the last offset Kafka acknowledged. When the relay
 * becomes active it compares that with the broker it now talks to. A broker
 * that is not the one the checkpoint refers to (another cluster id, or a
 * partition that ends before an offset the relay had written: its data was
 * wiped, or the topic was deleted and created again) has lost events the
 * checkpoint says are published, so the relay republishes the whole log;
 * consumers drop what they already applied by event id.
 */
export async function migrateRelayLedger(pool: pg.Pool): Promise<void> {
  await pool.query(`
    CREATE SCHEMA IF NOT EXISTS relay;
    CREATE TABLE IF NOT EXISTS relay.broker_ledger (
      relay_name text NOT NULL,
      cluster_id text NOT NULL,
      topic text NOT NULL,
      partition integer NOT NULL,
      last_offset bigint NOT NULL,
      PRIMARY KEY (relay_name, topic, partition)
    );
  `);
}

export interface LedgerEntry {
  clusterId: string;
  topic: string;
  partition: number;
  lastOffset: bigint;
}

/**
 * Records, in the checkpoint's transaction, the offsets Kafka acknowledged for
 * a batch (each partition's base offset: a lower bound of what it now holds).
 */
export async function recordPublished(tx: pg.PoolClient, relayName: string, clusterId: string, acknowledged: RecordMetadata[]): Promise<void> {
  const rows = acknowledged.filter((ack) => ack.baseOffset !== undefined && BigInt(ack.baseOffset) >= 0n);
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO relay.broker_ledger AS l (relay_name, cluster_id, topic, partition, last_offset)
     SELECT $1, $2, t.topic, t.partition, t.last_offset
       FROM unnest($3::text[], $4::int[], $5::bigint[]) AS t(topic, partition, last_offset)
     ON CONFLICT (relay_name, topic, partition) DO UPDATE
       SET last_offset = CASE WHEN l.cluster_id = EXCLUDED.cluster_id THEN GREATEST(l.last_offset, EXCLUDED.last_offset) ELSE EXCLUDED.last_offset END,
           cluster_id = EXCLUDED.cluster_id`,
    [relayName, clusterId, rows.map((r) => r.topicName), rows.map((r) => r.partition), rows.map((r) => String(r.baseOffset))],
  );
}

export async function readLedger(pool: pg.Pool, relayName: string): Promise<LedgerEntry[]> {
  const { rows } = await pool.query<{ cluster_id: string; topic: string; partition: number; last_offset: string }>(
    'SELECT cluster_id, topic, partition, last_offset FROM relay.broker_ledger WHERE relay_name = $1',
    [relayName],
  );
  return rows.map((r) => ({ clusterId: r.cluster_id, topic: r.topic, partition: r.partition, lastOffset: BigInt(r.last_offset) }));
}

export async function clearLedger(client: pg.Pool | pg.PoolClient, relayName: string): Promise<void> {
  await client.query('DELETE FROM relay.broker_ledger WHERE relay_name = $1', [relayName]);
}

/** Why the broker cannot hold what the ledger says was published; undefined when it can. */
export async function brokerLostPublished(
  kafka: Kafka,
  ledger: LedgerEntry[],
  topics: string[],
  checkpointMoved: boolean,
): Promise<{ clusterId: string; lost?: string }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { clusterId } = await admin.describeCluster();
    const recordedCluster = ledger[0]?.clusterId;
    if (recordedCluster !== undefined && recordedCluster !== clusterId) {
      return { clusterId, lost: `the broker's cluster id is ${clusterId}, the relay had published to cluster ${recordedCluster}` };
    }
    const existing = new Set(await admin.listTopics());
    const ends = new Map<string, bigint>();
    let total = 0n;
    for (const topic of topics) {
      if (!existing.has(topic)) continue;
      for (const p of await admin.fetchTopicOffsets(topic)) {
        const high = BigInt(p.high);
        ends.set(`${topic}\u0000${p.partition}`, high);
        total += high;
      }
    }
    for (const entry of ledger) {
      const high = ends.get(`${entry.topic}\u0000${entry.partition}`) ?? 0n;
      if (high <= entry.lastOffset) {
        return {
          clusterId,
          lost: `${entry.topic} partition ${entry.partition} ends at offset ${high}, but the relay had published up to offset ${entry.lastOffset}`,
        };
      }
    }
    // A checkpoint from before the ledger existed: empty topics cannot hold what it says was published.
    if (ledger.length === 0 && checkpointMoved && total === 0n) {
      return { clusterId, lost: "the hub's topics are empty, but the relay's checkpoint says events were published" };
    }
    return { clusterId };
  } finally {
    await admin.disconnect();
  }
}
