#!/usr/bin/env node
/** docker-compose's `keys` service: makes the hub's secrets once in the `keys` volume (see infra/local/keys.mjs). */
import { demoClients } from '../../packages/access/dist/index.js';
import { ensureKeys } from '../local/keys.mjs';

ensureKeys(process.argv[2] ?? '/keys', {
  log: (line) => process.stdout.write(`${line}\n`),
  env: {},
  clientIds: demoClients.map((c) => c.clientId),
});
