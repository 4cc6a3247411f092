import type { Summary } from './cells.js';

/** One request's figures: with the door (HTTP), the door's own work, and the HTTP baseline of its service. */
export interface Row {
  kind: 'command' | 'read';
  request: string;
  withDoor: Summary;
  door: Summary;
  withoutDoorP50: number;
  doorShareOfP50: number;
  doorShareOfP99: number;
  healthBaseline: Summary;
  healthBaselineService: string;
}

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const pct = (n: number) => `${(n * 100).toFixed(0)} %`;

/** The table of `npm run bench:door` (the README's Performance section quotes it). */
export function printDoorReport(rows: readonly Row[], n: number): void {
  const header = ['request', 'with door p50 / p99', 'door p50 / p99', 'door share p50 / p99', 'without door p50 ≈', 'GET /health p50 / p99'];
  const lines = rows.map((r) => [
    r.request,
    `${ms(r.withDoor.p50)} / ${ms(r.withDoor.p99)} ms`,
    `${ms(r.door.p50)} / ${ms(r.door.p99)} ms`,
    `${pct(r.doorShareOfP50)} / ${pct(r.doorShareOfP99)}`,
    `${ms(r.withoutDoorP50)} ms`,
    `${ms(r.healthBaseline.p50)} / ${ms(r.healthBaseline.p99)} ms`,
  ]);
  console.log(`\nThe door's cost (${n} requests per cell, one at a time; door = its own work over the same tokens, in process)\n`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
  for (const line of lines) console.log(`| ${line.join(' | ')} |`);
  console.log('');
}
