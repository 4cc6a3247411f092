import { demoClients } from '@traiettorie/access';
import { requestVoucher } from '@traiettorie/authority';
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HttpClient, HttpResult } from './http-client.js';
import { ok, type Pathway } from './pathways.js';
import type { ReadModelWatcher } from './read-model-watcher.js';

/** The README's pathway bodies (e2e/src/fixtures.ts); each case gets its own person. */
export const openCase = (personRef: string) => ({
  ambito: 'LOM-SESTO-SAN-GIOVANNI',
  personRef,
  householdRef: `H-${personRef}`,
  measure: 'ADI',
  referralDate: '2026-10-02',
  caseManager: 'op-sesto-017',
});
/** An employment route: the employment centre's policy refers the person (EmploymentReferralReceived). */
export const assessment = {
  assessmentKind: 'multidimensional',
  completedOn: '2026-10-20',
  dimensionScores: { work: 3, income: 3 },
  referrals: ['employment-centre'],
  documentRef: 'protocollo/2026/000871',
};

export interface PhaseLoad {
  name: string;
  /** Offered commands per second (two commands per pathway). */
  rate: number;
  durationS: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function describeFailure(result: HttpResult): string {
  const body = result.body as { type?: string; title?: string; detail?: string } | string;
  return typeof body === 'string' ? `${result.status} ${body.slice(0, 120)}` : `${result.status} ${body?.type ?? ''} ${body?.title ?? ''} ${body?.detail ?? ''}`.trim();
}

/**
 * Offers `rate` commands per second for `durationS` seconds, open loop: a
 * pathway's open-case is sent when the schedule says, whatever is still in
 * flight, and its latency counts from that scheduled instant (so a slow
 * server is not hidden by a client that waited for it). Its assessment is due
 * half an interval later and goes as soon as it is due and the case exists;
 * its latency counts from then. Resolves with the pathways once every command
 * has an answer.
 */
export async function offerLoad(
  load: PhaseLoad,
  http: HttpClient,
  socialServices: string,
  watcher: ReadModelWatcher,
  runTag: string,
  signal: AbortSignal,
  vouchers: (count: number) => Promise<string[]>,
): Promise<Pathway[]> {
  const commandInterval = 1000 / load.rate;
  const count = Math.max(1, Math.round((load.rate * load.durationS) / 2));
  // A command's voucher is good once: the phase's vouchers are got before its clock starts, so the load measures the hub, not the authority.
  const ready = await vouchers(count * 2);
  const voucher = () => ({ authorization: `Bearer ${ready.pop()!}` });
  const pathways: Pathway[] = [];
  const inFlight: Promise<void>[] = [];
  const t0 = performance.now() + 20;
  const wall0 = performance.timeOrigin + t0;

  const assess = async (p: Pathway) => {
    p.assessStart = Math.max(p.assessPlanned, performance.now());
    try {
      const result = await http.post(`${socialServices}/cases/${p.caseId}/assessment`, assessment, { 'if-match': '"1"', ...voucher() });
      p.assessDoneAt = performance.now();
      p.assessStatus = result.status;
      if (!ok(result.status)) p.error = `assessment: ${describeFailure(result)}`;
    } catch (error) {
      p.assessDoneAt = performance.now();
      p.assessStatus = 0;
      p.error = `assessment: ${error instanceof Error ? error.message : String(error)}`;
    }
  };

  const run = async (p: Pathway) => {
    p.openSentAt = performance.now();
    try {
      const result = await http.post(`${socialServices}/cases`, openCase(`P-BENCH-${runTag}-${load.name}-${p.index}`), voucher());
      p.openDoneAt = performance.now();
      p.openStatus = result.status;
      if (!ok(result.status)) {
        p.error = `open-case: ${describeFailure(result)}`;
        return;
      }
      p.caseId = (result.body as { caseId: string }).caseId;
      watcher.named(p);
    } catch (error) {
      p.openDoneAt = performance.now();
      p.openStatus = 0;
      p.error = `open-case: ${error instanceof Error ? error.message : String(error)}`;
      return;
    }
    const wait = p.assessPlanned - performance.now();
    if (wait > 0) await sleep(wait);
    await assess(p);
  };

  let next = 0;
  while (next < count && !signal.aborted) {
    const due = t0 + next * 2 * commandInterval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    // Everything due by now goes, even if this loop was late: the schedule holds.
    while (next < count && t0 + next * 2 * commandInterval <= performance.now()) {
      const openPlanned = t0 + next * 2 * commandInterval;
      const p: Pathway = {
        phase: load.name,
        index: next,
        openPlanned,
        openPlannedWall: wall0 + (openPlanned - t0),
        assessPlanned: openPlanned + commandInterval,
      };
      pathways.push(p);
      watcher.track(p);
      inFlight.push(run(p));
      next++;
    }
  }
  await Promise.all(inFlight);
  return pathways;
}

/**
 * `count` vouchers of the demo client `ss-sesto` from the hub's authority, with
 * the key `npm start` made for it (TRAIETTORIE_CLIENT_KEYS_DIR, default
 * `~/.cache/traiettorie/keys/clients`, as `npm run token`), 16 at a time.
 */
export async function ssSestoVouchers(authorityUrl: string, count: number): Promise<string[]> {
  const cache = process.env['TRAIETTORIE_CACHE'] ?? path.join(process.env['XDG_CACHE_HOME'] ?? path.join(os.homedir(), '.cache'), 'traiettorie');
  const dir = process.env['TRAIETTORIE_CLIENT_KEYS_DIR'] ?? path.join(cache, 'keys', 'clients');
  const privateKey = createPrivateKey(readFileSync(path.join(dir, 'ss-sesto.pem'), 'utf8'));
  const purposeId = demoClients.find((c) => c.clientId === 'ss-sesto')!.purposes[0]!;
  const vouchers: string[] = [];
  while (vouchers.length < count) {
    const batch = Math.min(16, count - vouchers.length);
    const got = await Promise.all(
      Array.from({ length: batch }, () => requestVoucher({ authorityUrl, clientId: 'ss-sesto', purposeId, privateKey, hubAudience: process.env['VOUCHER_AUDIENCE'] ?? 'traiettorie' })),
    );
    vouchers.push(...got.map((v) => v.voucher));
  }
  return vouchers;
}
