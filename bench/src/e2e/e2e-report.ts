import { missingChanges, ok, type Pathway } from './pathways.js';

/** Latency summary in milliseconds. */
export interface Latency {
  samples: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
}

export interface PhaseResult {
  name: string;
  offeredRate: number;
  durationS: number;
  pathways: number;
  /** `failures` by HTTP status (0: no answer); `failureSamples`: the first distinct reasons. */
  commands: { sent: number; accepted: number; failed: number; failures: Record<string, number>; failureSamples: string[] };
  /** Accepted commands per second, from the first scheduled command to the last answer. */
  achievedRate: number;
  /** From the scheduled send time to the answer. */
  commandMs: Latency & { openCase: Latency; assessment: Latency };
  /** From the command's scheduled send time to the first poll that shows its change in `read_models.case_summaries`. */
  oneHopMs: Latency & { openCase: Latency; assessment: Latency };
  /** From the assessment's send time to the poll that shows the employment centre's referral (`employment_referral_at`). */
  twoHopMs: Latency;
  /** From the last scheduled command until the read model showed every change of the phase; null if it had not (see the drain). */
  caughtUpAfterMs: number | null;
  /** How late the load generator sent open-case commands against their schedule. */
  schedulerLagMs: Latency;
  /** Changes never seen in the read model, even after the final drain. */
  missing: { open: number; assessed: number; referral: number };
  keptUp: boolean;
  notKeptUpBecause: string[];
}

export function latency(values: number[]): Latency {
  if (values.length === 0) return { samples: 0, p50: null, p99: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  const round = (n: number) => Math.round(n * 10) / 10;
  return { samples: sorted.length, p50: round(at(50)), p99: round(at(99)), max: round(sorted[sorted.length - 1]!) };
}

const defined = <T>(values: (T | undefined)[]) => values.filter((v): v is T => v !== undefined);

export function summarisePhase(name: string, offeredRate: number, durationS: number, pathways: Pathway[], caughtUpAfterMs: number | null, keepUpMs: number): PhaseResult {
  const failures: Record<string, number> = {};
  let sent = 0;
  let accepted = 0;
  for (const p of pathways) {
    for (const status of [p.openStatus, p.assessStatus]) {
      if (status === undefined) continue;
      sent++;
      if (ok(status)) accepted++;
      else failures[String(status)] = (failures[String(status)] ?? 0) + 1;
    }
  }
  const openCommand = defined(pathways.map((p) => (p.openDoneAt === undefined ? undefined : p.openDoneAt - p.openPlanned)));
  const assessCommand = defined(pathways.map((p) => (p.assessDoneAt === undefined || p.assessStart === undefined ? undefined : p.assessDoneAt - p.assessStart)));
  const openHop = defined(pathways.map((p) => (p.seenOpen === undefined ? undefined : p.seenOpen - p.openPlanned)));
  const assessHop = defined(pathways.map((p) => (p.seenAssessed === undefined || p.assessStart === undefined ? undefined : p.seenAssessed - p.assessStart)));
  const twoHop = defined(pathways.map((p) => (p.seenReferral === undefined || p.assessStart === undefined ? undefined : p.seenReferral - p.assessStart)));
  const firstPlanned = Math.min(...pathways.map((p) => p.openPlanned));
  const lastAnswer = Math.max(...defined(pathways.flatMap((p) => [p.openDoneAt, p.assessDoneAt])));
  const missing = { open: 0, assessed: 0, referral: 0 };
  for (const p of pathways) {
    const m = missingChanges(p);
    missing.open += Number(m.open);
    missing.assessed += Number(m.assessed);
    missing.referral += Number(m.referral);
  }
  const achievedRate = accepted / Math.max(0.001, (lastAnswer - firstPlanned) / 1000);
  const commandMs = { ...latency([...openCommand, ...assessCommand]), openCase: latency(openCommand), assessment: latency(assessCommand) };
  const oneHopMs = { ...latency([...openHop, ...assessHop]), openCase: latency(openHop), assessment: latency(assessHop) };
  const twoHopMs = latency(twoHop);
  const reasons: string[] = [];
  if (sent - accepted > 0) reasons.push(`${sent - accepted} commands failed`);
  if (missing.open + missing.assessed + missing.referral > 0) reasons.push('changes missing from the read model');
  if (achievedRate < 0.95 * offeredRate) reasons.push(`achieved ${achievedRate.toFixed(0)} of ${offeredRate} commands/s`);
  if ((oneHopMs.p99 ?? Infinity) > keepUpMs) reasons.push(`one hop p99 ${oneHopMs.p99} ms > ${keepUpMs} ms`);
  if ((twoHopMs.p99 ?? Infinity) > keepUpMs) reasons.push(`two hops p99 ${twoHopMs.p99} ms > ${keepUpMs} ms`);
  return {
    name,
    offeredRate,
    durationS,
    pathways: pathways.length,
    commands: { sent, accepted, failed: sent - accepted, failures, failureSamples: [...new Set(defined(pathways.map((p) => p.error)).map(String))].slice(0, 5) },
    achievedRate: Math.round(achievedRate * 10) / 10,
    commandMs,
    oneHopMs,
    twoHopMs,
    caughtUpAfterMs: caughtUpAfterMs === null ? null : Math.round(caughtUpAfterMs),
    schedulerLagMs: latency(defined(pathways.map((p) => (p.openSentAt === undefined ? undefined : p.openSentAt - p.openPlanned)))),
    missing,
    keptUp: reasons.length === 0,
    notKeptUpBecause: reasons,
  };
}

const table = (header: string[], rows: string[][]) => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
};

const ms = (n: number | null) => (n === null ? '-' : n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)}`);
const pair = (l: Latency) => `${ms(l.p50)} / ${ms(l.p99)}`;

export function printE2eReport(phases: PhaseResult[], highest: number | null, lost: number | null, notSeen: number, keepUpMs: number): void {
  console.log('\nEnd to end: open-case + assessment pathways over HTTP, watched in read_models.case_summaries (ms, p50 / p99)\n');
  console.log(
    table(
      ['offered cmd/s', 'accepted', 'achieved/s', 'command', 'one hop', 'two hops', 'caught up after', 'missing', 'kept up'],
      phases.map((p) => [
        String(p.offeredRate),
        `${p.commands.accepted}/${p.commands.sent}`,
        p.achievedRate.toFixed(0),
        pair(p.commandMs),
        pair(p.oneHopMs),
        pair(p.twoHopMs),
        p.caughtUpAfterMs === null ? 'no' : `${ms(p.caughtUpAfterMs)}${p.caughtUpAfterMs < 10_000 ? ' ms' : ''}`,
        String(p.missing.open + p.missing.assessed + p.missing.referral),
        p.keptUp ? 'yes' : 'no',
      ]),
    ),
  );
  console.log(
    lost === null
      ? `\nEvents lost: unknown, ${notSeen} changes were still not seen when the drain's cap ended the wait`
      : `\nEvents lost (accepted, never in the read model once it stopped changing): ${lost}`,
  );
  console.log(`Highest offered rate kept up with (one and two hops p99 ≤ ${keepUpMs} ms, nothing failed or lost): ${highest === null ? 'none' : `${highest} commands/s`}`);
  for (const p of phases) if (!p.keptUp) console.log(`  ${p.offeredRate}/s not kept up: ${p.notKeptUpBecause.join('; ')}`);
}
