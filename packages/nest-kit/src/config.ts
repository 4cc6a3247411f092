import { z } from 'zod';

/**
 * Parses the process environment once, at start. A missing or invalid variable
 * stops the process with a message that names it.
 */
export function parseConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`invalid configuration:\n${lines.join('\n')}`);
}

/** Variables every service shares. */
export const commonConfig = {
  PORT: z.coerce.number().int().min(0).max(65535),
  /** Interface to listen on; 0.0.0.0 inside containers. */
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string({ error: 'required: the PostgreSQL URL, e.g. postgres://postgres@127.0.0.1:5432/traiettorie' }).min(1),
};

export const kafkaConfig = {
  KAFKA_BROKERS: z.string({ error: 'required: host:port[,host:port…] of the Kafka brokers' }).min(1),
  KAFKA_TOPIC_PREFIX: z.string().regex(/^[a-zA-Z0-9._-]+$/).default('traiettorie'),
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).default(30_000),
  /** The relay's public key(s), PEM text or a PEM file's path: consumers act only on messages it signed. */
  RELAY_PUBLIC_KEYS: z.string({ error: "required: the relay's public key (PEM text or a file's path); npm start makes one" }).min(1),
};
