import type { LatencySummary } from './open-loop.js';

/** One service's figures in `npm run bench:commands`. */
export interface ServiceResult {
  service: string;
  clientId: string;
  route: string;
  event: string;
  what: string;
  offeredPerSecond: number;
  command: LatencySummary;
  /** GET /health on the same service, interleaved with its commands: the HTTP floor under the same load. */
  health: LatencySummary;
  /** command − health, per percentile (percentiles do not subtract exactly: an estimate of what the command itself costs). */
  overFloor: { p50: number; p99: number };
  /** CPU seconds per part of the hub (and the load generator) during the phase, warm-up included. */
  cpuSeconds: Record<string, number>;
  /** Seconds from the phase's start (vouchers ready) to its last answer. */
  phaseSeconds: number;
  /** The service process's CPU per command of the phase (its health probes included, warm-up included). */
  serviceCpuMsPerCommand: number | null;
  /** The same, less what the service spends idle (its least CPU per second in the other phases). */
  serviceCpuNetMsPerCommand: number | null;
  serviceIdleCpuPerSecond?: number;
  loadAverageAfter: number[];
  failures: string[];
}

const ms = (n: number) => (Number.isNaN(n) ? '-' : n < 10 ? n.toFixed(2) : n < 1000 ? n.toFixed(1) : `${(n / 1000).toFixed(2)} s`);

/** The table of `npm run bench:commands` (the README's Performance section quotes it). */
export function printCommandsReport(results: readonly ServiceResult[], requests: number, connections: number): void {
  const header = [
    'service',
    'command (event)',
    'offered / achieved per s',
    'command p50 / p90 / p99 / max ms',
    'GET /health p50 / p90 / p99 / max ms',
    'over the floor p50 / p99 ms',
    'service CPU per command (net of idle)',
    'failed',
  ];
  console.log(`\nCommand latency per service under load (${requests} measured per service, open loop, at most ${connections} connections; from each request's due time to its answer)\n`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map((_, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`);
  for (const r of results) {
    console.log(
      `| ${[
        r.service,
        `\`${r.route}\` (${r.event})`,
        `${r.offeredPerSecond} / ${r.command.achievedPerSecond}`,
        `${ms(r.command.p50)} / ${ms(r.command.p90)} / ${ms(r.command.p99)} / ${ms(r.command.max)}`,
        `${ms(r.health.p50)} / ${ms(r.health.p90)} / ${ms(r.health.p99)} / ${ms(r.health.max)}`,
        `${ms(r.overFloor.p50)} / ${ms(r.overFloor.p99)}`,
        r.serviceCpuMsPerCommand === null ? '-' : `${r.serviceCpuMsPerCommand.toFixed(1)} ms${r.serviceCpuNetMsPerCommand === null ? '' : ` (${r.serviceCpuNetMsPerCommand.toFixed(1)} ms)`}`,
        String(r.command.failed + r.health.failed),
      ].join(' | ')} |`,
    );
  }
  console.log('');
}
