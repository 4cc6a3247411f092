import { commonConfig, kafkaConfig, parseConfig } from '@traiettorie/nest-kit';
import { z } from 'zod';

export const loadConfig = () =>
  parseConfig(
    z.object({
      ...commonConfig,
      PORT: commonConfig.PORT.default(3009),
      KAFKA_BROKERS: kafkaConfig.KAFKA_BROKERS,
      KAFKA_TOPIC_PREFIX: kafkaConfig.KAFKA_TOPIC_PREFIX,
      /** Names the relay's checkpoint; instances with the same name are one active and the rest standby. */
      RELAY_NAME: z.string().regex(/^[a-z0-9-]+$/).default('main'),
      RELAY_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
      /** The relay's Ed25519 private key (PEM text or a PEM file's path): every published message is signed with it. */
      RELAY_SIGNING_KEY: z.string({ error: "required: the relay's Ed25519 private key (PEM text or a file's path); npm start makes one" }).min(1),
      /**
       * The append-only file (JSON lines) of the chain's signed checkpoints (ADR 6), kept apart from the database;
       * its last line is also the sealer's anchor at start. Optional: the checkpoints always go to `<prefix>.chain-checkpoints`.
       */
      CHAIN_CHECKPOINT_FILE: z.string().min(1).optional(),
      /** How often, at most, a new chain head is checkpointed (file and topic). */
      CHAIN_CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(100).max(86_400_000).default(10_000),
    }),
  );
