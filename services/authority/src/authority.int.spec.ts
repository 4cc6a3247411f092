import { describe, expect, test } from '@jest/globals';
import { demoClients } from '@traiettorie/access';
import { Door } from '@traiettorie/nest-kit';
import type { Request } from 'express';
import { createRemoteJWKSet } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createAuthority } from './authority.js';
import { requestVoucher } from './client.js';
import { loadSigningKeys } from './keys.js';

const rsaPem = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const client = generateKeyPairSync('rsa', { modulusLength: 2048 });
const clientKeys = new Map([['ss-sesto', [{ ...client.publicKey.export({ format: 'jwk' }), alg: 'RS256' }]]]);
const dir = mkdtempSync(path.join(os.tmpdir(), 'authority-'));
const clientKeysFile = path.join(dir, 'public-keys.json');
writeFileSync(clientKeysFile, JSON.stringify(Object.fromEntries(clientKeys)));

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}
const close = (server: http.Server) => new Promise((resolve) => server.close(resolve));

describe('key rotation between the authority and the door', () => {
  test('when the authority signs with a new key › it publishes both, and the door fetches the new key on its unknown kid and still admits the old', async () => {
    const [first, second] = [rsaPem(), rsaPem()];
    const options = (signingKeys: string) => ({
      issuer: 'http://authority.test',
      tokenAudience: 'http://authority.test/token',
      voucherAudience: 'traiettorie',
      voucherTtlSeconds: 600,
      signingKeys: loadSigningKeys(signingKeys),
      clients: demoClients,
      clientKeys,
    });
    // One address; the authority behind it changes (a rotation without a restart of the listener).
    let current = createAuthority(options(first));
    const front = http.createServer((request, response) => current.emit('request', request, response));
    const port = await listen(front);
    const url = `http://127.0.0.1:${port}`;
    const ask = () =>
      requestVoucher({ authorityUrl: url, tokenAudience: 'http://authority.test/token', clientId: 'ss-sesto', purposeId: demoClients[0]!.purposes[0]!, privateKey: client.privateKey, hubAudience: 'traiettorie' });
    const door = new Door(
      {
        VOUCHER_ISSUER: 'http://authority.test',
        VOUCHER_AUDIENCE: 'traiettorie',
        VOUCHER_JWKS_URL: `${url}/.well-known/jwks.json`,
        TRAIETTORIE_CLIENT_KEYS_FILE: clientKeysFile,
        VOUCHER_CLOCK_TOLERANCE_SECONDS: 30,
      },
      { firstUse: () => Promise.resolve(true) },
      createRemoteJWKSet(new URL(`${url}/.well-known/jwks.json`), { cooldownDuration: 0 }),
    );
    const admit = async (voucher: string) =>
      (await door.admit({ headers: { authorization: `Bearer ${voucher}` } } as unknown as Request, { command: false, readsPersonalData: false })).client.clientId;

    const old = (await ask()).voucher;
    expect(await admit(old)).toBe('ss-sesto');

    current = createAuthority(options(`${second},${first}`));
    try {
      const jwks = (await (await fetch(`${url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
      expect(jwks.keys).toHaveLength(2);
      const fresh = (await ask()).voucher;
      const kidOf = (jwt: string) => (JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;
      expect(kidOf(fresh)).toBe(jwks.keys[0]!.kid);
      expect(kidOf(fresh)).not.toBe(kidOf(old));
      expect(await admit(fresh)).toBe('ss-sesto');
      expect(await admit(old)).toBe('ss-sesto');
    } finally {
      await close(front);
    }
  });
});
