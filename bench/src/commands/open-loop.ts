import type { HttpClient, HttpResult } from '../e2e/http-client.js';
import { progress } from '../e2e/progress.js';
import { percentile } from '../stats.js';

/** One request of a phase: when it was due, when its whole answer came, and what it was. */
export interface Sample {
  index: number;
  /** performance.now() of its scheduled send time: its latency counts from here (open loop). */
  due: number;
  done: number;
  status: number;
  error?: string;
}

export interface PhaseSamples {
  commands: Sample[];
  health: Sample[];
  /** performance.now() when the first measured command was due, and when the last answer of the phase came. */
  measuredFrom: number;
  endedAt: number;
}

export interface LatencySummary {
  /** Answered with the expected status and measured (after the warm-up). */
  n: number;
  failed: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
  /** The slowest measured answers: seconds from the first measured request's due time, and latency in ms (are the slow ones a stall, all at once?). */
  slowest: { atS: number; ms: number }[];
  /** Answers with the expected status per second: (n − 1) over the time from the first measured one's due time to the last answer. */
  achievedPerSecond: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function describe(result: HttpResult): string {
  const body = result.body as { type?: string; title?: string; detail?: string } | string;
  return typeof body === 'string' ? `${result.status} ${body.slice(0, 160)}` : `${result.status} ${body?.title ?? ''} ${body?.detail ?? ''}`.trim();
}

/**
 * Offers `total` commands at `rate` per second, open loop: command k is sent
 * when it is due (t0 + k / rate), whatever is still in flight, over at most
 * the client's pooled connections, and its latency runs from its due time, so
 * a slow service cannot slow the client down and hide its own queue
 * (coordinated omission). Between two commands, half an interval after each,
 * a `GET /health` to the same service goes the same way: the HTTP floor under
 * the same load. The first `warmup` of each are sent but not measured.
 */
export async function offerPhase(options: {
  name: string;
  http: HttpClient;
  baseUrl: string;
  rate: number;
  total: number;
  warmup: number;
  expectedStatus: number;
  command: (k: number) => { path: string; body: unknown; headers: Record<string, string> };
  signal: AbortSignal;
}): Promise<PhaseSamples> {
  const { http, baseUrl, rate, total, warmup, signal } = options;
  const interval = 1000 / rate;
  const commands: Sample[] = [];
  const health: Sample[] = [];
  const inFlight: Promise<void>[] = [];
  const t0 = performance.now() + 20;
  let answered = 0;
  let failures = 0;

  const send = async (sample: Sample, go: () => Promise<HttpResult>, expected: number, what: string) => {
    try {
      const result = await go();
      sample.done = performance.now();
      sample.status = result.status;
      if (result.status !== expected) sample.error = `${what}: ${describe(result)}`;
    } catch (error) {
      sample.done = performance.now();
      sample.status = 0;
      sample.error = `${what}: ${error instanceof Error ? error.message : String(error)}`;
    }
    answered++;
    if (sample.error) {
      failures++;
      if (failures <= 3) progress(options.name, `! ${sample.error}`);
    }
  };

  const ticker = setInterval(
    () => progress(options.name, `${Math.min(total, commands.length)}/${total} commands sent, ${answered}/${commands.length + health.length} answers (${failures} failed)`),
    5000,
  );
  try {
    // Slot k: the command at t0 + k·interval, its health probe half an interval later.
    let slot = 0; // counts half-slots: even = command, odd = health
    while (slot < total * 2 && !signal.aborted) {
      const due = t0 + (slot * interval) / 2;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      // Everything due by now goes, even if this loop was late: the schedule holds.
      while (slot < total * 2 && t0 + (slot * interval) / 2 <= performance.now()) {
        const k = Math.floor(slot / 2);
        const sample: Sample = { index: k, due: t0 + (slot * interval) / 2, done: 0, status: 0 };
        if (slot % 2 === 0) {
          commands.push(sample);
          const request = options.command(k);
          inFlight.push(send(sample, () => http.post(`${baseUrl}${request.path}`, request.body, request.headers), options.expectedStatus, `command ${k}`));
        } else {
          health.push(sample);
          inFlight.push(send(sample, () => http.get(`${baseUrl}/health`), 200, `GET /health ${k}`));
        }
        slot++;
      }
    }
    await Promise.all(inFlight);
  } finally {
    clearInterval(ticker);
  }
  if (signal.aborted) throw new Error('interrupted');
  return { commands, health, measuredFrom: t0 + warmup * interval, endedAt: Math.max(...commands.map((s) => s.done), ...health.map((s) => s.done)) };
}

/** p50/p90/p99/max of the measured samples (index ≥ warmup) answered as expected, and the rate achieved. */
export function summariseSamples(samples: readonly Sample[], warmup: number, from: number): LatencySummary {
  const measured = samples.filter((s) => s.index >= warmup);
  const ok = measured.filter((s) => s.error === undefined);
  const latencies = ok.map((s) => s.done - s.due).sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const lastAnswer = Math.max(from, ...ok.map((s) => s.done));
  return {
    n: ok.length,
    failed: measured.length - ok.length,
    p50: round(percentile(latencies, 50)),
    p90: round(percentile(latencies, 90)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies.at(-1) ?? Number.NaN),
    mean: round(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)),
    // n answers span n − 1 intervals of the schedule: on time, achieved = offered (less the last answer's latency).
    slowest: ok
      .map((s) => ({ atS: Math.round((s.due - from) / 10) / 100, ms: Math.round((s.done - s.due) * 10) / 10 }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5),
    achievedPerSecond: ok.length < 2 ? 0 : Math.round(((ok.length - 1) / Math.max(0.001, (lastAnswer - from) / 1000)) * 10) / 10,
  };
}
