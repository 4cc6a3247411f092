#!/usr/bin/env node
/**
 * `npm run token -- --client <clientId> [--operator <userID>] [--purpose <id>]
 * [--location <userLocation>] [--loa <LoA>]`: performs the client-credentials
 * flow against the running authority (AUTHORITY_URL, default npm start's
 * http://127.0.0.1:3010) with the client's private key (TRAIETTORIE_CLIENT_KEYS_DIR,
 * default npm start's key cache) and prints the HTTP header lines to send, one
 * a line: `Authorization: Bearer <voucher>` and, with --operator, the bound
 * `Agid-JWT-TrackingEvidence: <jwt>`. E.g.
 *   curl -H "$(npm run -s token -- --client ss-sesto)" …
 *   curl -H @<(npm run -s token -- --client ss-sesto --operator op-1) …
 */
import { createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cacheDir } from './local/index.mjs';

const usage = 'usage: npm run token -- --client <clientId> [--operator <userID>] [--purpose <purposeId>] [--location <userLocation>] [--loa <LoA>]';
let values;
try {
  ({ values } = parseArgs({
    options: {
      client: { type: 'string' },
      operator: { type: 'string' },
      purpose: { type: 'string' },
      location: { type: 'string', default: 'postazione-locale' },
      loa: { type: 'string', default: 'LoA3' },
    },
  }));
} catch (error) {
  process.stderr.write(`${error.message}\n${usage}\n`);
  process.exit(2);
}
if (!values.client) {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}
const { loadClients, requestVoucher } = await import('../services/authority/dist/index.js');
const client = loadClients().find((c) => c.clientId === values.client);
if (!client) {
  process.stderr.write(`unknown client ${values.client}; registered: ${loadClients().map((c) => c.clientId).join(', ')}\n`);
  process.exit(2);
}
const keyFile = path.join(process.env.TRAIETTORIE_CLIENT_KEYS_DIR ?? path.join(cacheDir(), 'keys', 'clients'), `${client.clientId}.pem`);
if (!existsSync(keyFile)) {
  process.stderr.write(`no private key for ${client.clientId} at ${keyFile} (npm start makes the demo clients' keys)\n`);
  process.exit(1);
}
try {
  const { voucher, trackingEvidence } = await requestVoucher({
    authorityUrl: process.env.AUTHORITY_URL ?? 'http://127.0.0.1:3010',
    ...(process.env.AUTHORITY_TOKEN_AUDIENCE ? { tokenAudience: process.env.AUTHORITY_TOKEN_AUDIENCE } : {}),
    clientId: client.clientId,
    purposeId: values.purpose ?? client.purposes[0],
    privateKey: createPrivateKey(readFileSync(keyFile, 'utf8')),
    hubAudience: process.env.VOUCHER_AUDIENCE ?? 'traiettorie',
    ...(values.operator ? { operator: { userID: values.operator, userLocation: values.location, LoA: values.loa } } : {}),
  });
  process.stdout.write(`Authorization: Bearer ${voucher}\n`);
  if (trackingEvidence) process.stdout.write(`Agid-JWT-TrackingEvidence: ${trackingEvidence}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
