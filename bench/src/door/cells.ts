import { percentile } from '../stats.js';

/** One measured cell: latencies in milliseconds, one request (or one door check) at a time. */
export interface Cell {
  name: string;
  samples: number[];
}

export interface Summary {
  n: number;
  p50: number;
  p99: number;
  mean: number;
}

export function summarise(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    mean: round(sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length)),
  };
}

/**
 * Runs `step(i)` for i in 0..warmup+n-1, one after the other, and keeps the
 * latencies of the last n (the first `warmup` only warm the JIT, connections
 * and caches). A step throws when the hub's answer is not the expected one:
 * the bench stops rather than time refusals.
 */
export async function measure(name: string, n: number, warmup: number, step: (i: number) => Promise<void>): Promise<Cell> {
  const samples: number[] = [];
  for (let i = 0; i < warmup + n; i++) {
    const started = performance.now();
    await step(i);
    const took = performance.now() - started;
    if (i >= warmup) samples.push(took);
  }
  return { name, samples };
}

/** Throws unless `status` is `expected`, naming the request and the hub's answer. */
export function expectStatus(what: string, answer: { status: number; body: unknown }, expected: number): void {
  if (answer.status !== expected) throw new Error(`${what}: expected ${expected}, got ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
}
