import { demoClients } from '@traiettorie/access';
import { requestVoucher } from '@traiettorie/authority';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where `npm start` keeps the demo clients' keys (as `npm run token`): TRAIETTORIE_CLIENT_KEYS_DIR, default `~/.cache/traiettorie/keys/clients`. */
export function clientKeysDir(): string {
  const cache = process.env['TRAIETTORIE_CACHE'] ?? path.join(process.env['XDG_CACHE_HOME'] ?? path.join(os.homedir(), '.cache'), 'traiettorie');
  return process.env['TRAIETTORIE_CLIENT_KEYS_DIR'] ?? path.join(cache, 'keys', 'clients');
}

/** The headers an agency system sends: `authorization` and, for a personal-data read, `agid-jwt-trackingevidence`. */
export type DoorHeaders = Record<string, string>;

/**
 * Vouchers of a demo client (`ss-sesto` unless told) from the hub's authority, as an
 * agency system gets them (client credentials with a signed client assertion);
 * with `operator`, each has its own tracking evidence bound by its digest.
 * Got before a cell's clock starts: the bench measures the hub, not the authority.
 */
export function createVoucherSource(authorityUrl: string, audience: string, clientId = 'ss-sesto') {
  const privateKey: KeyObject = createPrivateKey(readFileSync(path.join(clientKeysDir(), `${clientId}.pem`), 'utf8'));
  const purposeId = demoClients.find((c) => c.clientId === clientId)!.purposes[0]!;
  return async (count: number, withEvidence: boolean): Promise<DoorHeaders[]> => {
    const out: DoorHeaders[] = [];
    while (out.length < count) {
      const batch = Math.min(16, count - out.length);
      const got = await Promise.all(
        Array.from({ length: batch }, () =>
          requestVoucher({
            authorityUrl,
            clientId,
            purposeId,
            privateKey,
            hubAudience: audience,
            ...(withEvidence ? { operator: { userID: 'op-bench-017', userLocation: 'bench', LoA: 'LoA3' } } : {}),
          }),
        ),
      );
      out.push(...got.map((v) => v.headers));
    }
    return out;
  };
}
