import type { AppendMeasured, AppendScenarioName, Measured } from './scenarios.js';

/** What the parent asks a store's process to do, one command at a time. */
export type Command =
  | { kind: 'append'; scenario: AppendScenarioName }
  | { kind: 'seed' }
  | { kind: 'read-all' }
  | { kind: 'seal' }
  | { kind: 'verify' }
  | { kind: 'close' };

export type Reply = { ok: true; value: Measured | AppendMeasured | null } | { ok: false; error: string };
