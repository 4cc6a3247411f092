import type { AppendScenarioName } from './scenarios.js';

/** What the parent asks a store's process to do, one command at a time. */
export type Command =
  | { kind: 'append'; scenario: AppendScenarioName }
  | { kind: 'seed' }
  | { kind: 'read-all' }
  | { kind: 'seal' }
  | { kind: 'verify' }
  | { kind: 'close' };

/** Throughput of one measured run, with a note when it is not a clean number. */
export interface Measured {
  eventsPerSecond: number;
  note?: string;
}

/** An append scenario's latencies are over every round so far. */
export interface AppendMeasured extends Measured {
  p50Ms: number;
  p99Ms: number;
  appends: number;
}

export type Reply = { ok: true; value: Measured | AppendMeasured | null } | { ok: false; error: string };
