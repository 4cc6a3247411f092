import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { StoreName } from './config.js';
import { APPEND_SCENARIOS, SCENARIOS, type AppendScenarioName, type ScenarioName } from './scenarios.js';
import { fmtInt, fmtMs } from './stats.js';

/** One store's results, as the parent gathers them from its process. */
export interface StoreRun {
  store: StoreName;
  eventsPerSecond: Partial<Record<ScenarioName, number | null>>;
  latency: Partial<Record<AppendScenarioName, { p50Ms: number; p99Ms: number; appends: number }>>;
  notes: string[];
}

export type ResultRow = { scenario: ScenarioName } & Record<StoreName, number | null>;

export function toRows(runs: Partial<Record<StoreName, StoreRun>>): ResultRow[] {
  const value = (store: StoreName, scenario: ScenarioName) => {
    const v = runs[store]?.eventsPerSecond[scenario];
    return typeof v === 'number' ? Math.round(v) : null;
  };
  return SCENARIOS.map((scenario) => ({
    scenario,
    ours: value('ours', scenario),
    emmett: value('emmett', scenario),
    floor: value('floor', scenario),
  }));
}

const table = (header: string[], rows: string[][]) => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
};

export function printReport(rows: ResultRow[], runs: Partial<Record<StoreName, StoreRun>>): void {
  const cell = (v: number | null) => (v === null ? 'n/a' : fmtInt(v));
  const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? '' : `${(a / b).toFixed(2)}x`);
  console.log('\nThroughput, events per second (higher is better)\n');
  console.log(
    table(
      ['scenario', 'ours', 'emmett', 'floor', 'ours/emmett', 'ours/floor'],
      rows.map((r) => [r.scenario, cell(r.ours), cell(r.emmett), cell(r.floor), ratio(r.ours, r.emmett), ratio(r.ours, r.floor)]),
    ),
  );
  console.log('\nAppend latency per append call, ms (p50 / p99)\n');
  const stores = ['ours', 'emmett', 'floor'] as const;
  console.log(
    table(
      ['scenario', ...stores],
      APPEND_SCENARIOS.map(({ name }) => [
        name,
        ...stores.map((s) => {
          const l = runs[s]?.latency[name];
          return l ? `${fmtMs(l.p50Ms)} / ${fmtMs(l.p99Ms)}` : 'n/a';
        }),
      ]),
    ),
  );
  const notes = Object.values(runs).flatMap((r) => r.notes);
  if (notes.length > 0) console.log(`\nNotes\n\n${notes.map((n) => `- ${n}`).join('\n')}`);
}

export async function writeResults(path: string, rows: ResultRow[], extra: Record<string, unknown>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify({ results: rows, ...extra }, null, 2)}\n`);
}
