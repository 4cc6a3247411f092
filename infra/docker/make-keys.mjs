#!/usr/bin/env node
/**
 * docker-compose's `keys` service: makes the hub's secrets once in the `keys`
 * volume (see infra/local/keys.mjs), and the Kafka passwords: one file per
 * SCRAM principal in `<dir>/kafka/` (packages/messaging `kafkaPrincipals`), and
 * `broker`, the broker's own PLAIN user (infra/kafka/compose-broker.sh).
 */
import { kafkaPrincipals } from '@traiettorie/messaging';
import { demoClients } from '../../packages/access/dist/index.js';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureKeys } from '../local/keys.mjs';

const dir = process.argv[2] ?? '/keys';
const log = (line) => process.stdout.write(`${line}\n`);
ensureKeys(dir, { log, env: {}, clientIds: demoClients.map((c) => c.clientId) });
const kafka = path.join(dir, 'kafka');
mkdirSync(kafka, { recursive: true, mode: 0o700 });
for (const name of ['broker', ...kafkaPrincipals()]) {
  const file = path.join(kafka, name);
  if (existsSync(file)) continue;
  writeFileSync(file, `${randomBytes(24).toString('hex')}\n`, { mode: 0o600 });
  log(`made the Kafka password of ${name} in ${file}`);
}
