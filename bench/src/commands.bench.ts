/**
 * `npm run bench:commands`: command latency p50/p90/p99/max per agency service
 * under a fixed offered load, against the hub as `npm start` runs it, each
 * beside its own `GET /health` measured in the same phase (the HTTP floor under
 * the same load). See bench/README.md.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { printCommandsReport, type ServiceResult } from './commands/commands-report.js';
import { offerPhase, summariseSamples } from './commands/open-loop.js';
import { commandRoutes, type BenchCase } from './commands/routes.js';
import { createVoucherSource } from './door/tokens.js';
import { cpuBetween, sampleCpu } from './e2e/cpu-usage.js';
import { loadE2eConfig, type E2eConfig } from './e2e/e2e-config.js';
import { createHttpClient } from './e2e/http-client.js';
import { progress } from './e2e/progress.js';
import { describeMachine, hubBench, loadAverage } from './hub-bench.js';

function integer(variable: string, fallback: number, min: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${variable} must be an integer ≥ ${min}, got ${raw}`);
  return n;
}
function positive(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${variable} must be a positive number, got ${raw}`);
  return n;
}

const RATE = positive('BENCH_COMMANDS_RATE', 20);
const REQUESTS = integer('BENCH_COMMANDS_REQUESTS', 300, 10);
const WARMUP = integer('BENCH_COMMANDS_WARMUP', 30, 0);
const CONNECTIONS = integer('BENCH_COMMANDS_CONNECTIONS', 16, 1);
const PAUSE_S = positive('BENCH_COMMANDS_PAUSE_S', 3);
const AUDIENCE = process.env['VOUCHER_AUDIENCE'] ?? 'traiettorie';

const e2e = loadE2eConfig([]);
if (e2e === 'help') throw new Error('unreachable');
const config: E2eConfig = { ...e2e, database: `traiettorie_bench_commands_${process.pid}`, keepDatabase: false };
const out = process.env['BENCH_COMMANDS_OUT']
  ? path.resolve(process.env['INIT_CWD'] ?? process.cwd(), process.env['BENCH_COMMANDS_OUT'])
  : path.join(config.root, 'bench', 'results', 'commands.json');

let cpuPool: pg.Pool | undefined;
const bench = hubBench(config, {
  beforeStop: async () => {
    if (cpuPool && !cpuPool.ended) await cpuPool.end().catch(() => {});
  },
});

async function main(): Promise<number> {
  const meta = await describeMachine(config);
  const runStarted = Date.now();
  const runTag = Date.now().toString(36);
  const total = WARMUP + REQUESTS;
  // Every agency records something on the same cases: the social services open them first.
  const cases: BenchCase[] = Array.from({ length: total }, (_, i) => ({ caseId: randomUUID(), personRef: `P-CMD-${runTag}-${i}` }));

  const running = await bench.start();
  cpuPool = new pg.Pool({ connectionString: running.databaseUrl, max: 1, application_name: 'bench-e2e-commands-cpu' });
  cpuPool.on('error', () => {}); // an idle connection ended by the database's drop
  const http = createHttpClient(CONNECTIONS, 60_000);
  const results: ServiceResult[] = [];
  progress('bench', `${RATE} commands/s offered per service, ${WARMUP} unmeasured then ${REQUESTS} measured, at most ${CONNECTIONS} connections; one GET /health between every two commands`);
  try {
    for (const route of commandRoutes) {
      if (bench.signal.aborted) throw new Error('interrupted');
      const name = route.service;
      // A command's voucher is good once: the phase's are got before its clock starts (the bench measures the hub, not the authority).
      const vouchers = await createVoucherSource(running.authority, AUDIENCE, route.clientId)(total, false);
      progress(name, `${route.route} (${route.event}) as ${route.clientId}: ${total} vouchers ready`);
      http.fresh();
      const cpuBefore = await sampleCpu(running.group, cpuPool, config.database);
      const phaseStarted = performance.now();
      const phase = await offerPhase({
        name,
        http,
        baseUrl: running.agencies[route.service],
        rate: RATE,
        total,
        warmup: WARMUP,
        expectedStatus: 201,
        command: (k) => ({ ...route.request(cases[k]!), headers: vouchers[k]! }),
        signal: bench.signal,
      });
      const cpuSeconds = cpuBetween(cpuBefore, await sampleCpu(running.group, cpuPool, config.database));
      const phaseSeconds = Math.round(performance.now() - phaseStarted) / 1000;
      const command = summariseSamples(phase.commands, WARMUP, phase.measuredFrom);
      const health = summariseSamples(phase.health, WARMUP, phase.measuredFrom + 500 / RATE);
      const serviceCpu = cpuSeconds[route.service];
      const failures = [...phase.commands, ...phase.health].filter((s) => s.error !== undefined).map((s) => s.error!);
      const result: ServiceResult = {
        service: route.service,
        clientId: route.clientId,
        route: route.route,
        event: route.event,
        what: route.what,
        offeredPerSecond: RATE,
        command,
        health,
        overFloor: { p50: Math.round((command.p50 - health.p50) * 1000) / 1000, p99: Math.round((command.p99 - health.p99) * 1000) / 1000 },
        cpuSeconds,
        phaseSeconds,
        serviceCpuMsPerCommand: serviceCpu === undefined ? null : Math.round(((serviceCpu * 1000) / total) * 10) / 10,
        serviceCpuNetMsPerCommand: null,
        loadAverageAfter: loadAverage(),
        failures: [...new Set(failures)].slice(0, 10),
      };
      results.push(result);
      progress(
        name,
        `command p50 ${command.p50.toFixed(1)} / p90 ${command.p90.toFixed(1)} / p99 ${command.p99.toFixed(1)} / max ${command.max.toFixed(1)} ms at ${command.achievedPerSecond}/s; ` +
          `GET /health p50 ${health.p50.toFixed(2)} / p99 ${health.p99.toFixed(1)} ms; ${failures.length} failed; load average ${result.loadAverageAfter.join(' ')}`,
      );
      // The previous phase's events still flow through the relay and Kafka to the consumers: a short pause, the same for every service.
      await new Promise((r) => setTimeout(r, PAUSE_S * 1000));
    }
  } finally {
    http.close();
  }
  // A service spends CPU when idle too (its Kafka consumers' polls, timers): its least CPU per second in the other services' phases, taken off its own.
  for (const r of results) {
    const idlePerSecond = Math.min(...results.filter((o) => o !== r).map((o) => (o.cpuSeconds[r.service] ?? Number.NaN) / o.phaseSeconds));
    const own = r.cpuSeconds[r.service];
    if (own !== undefined && Number.isFinite(idlePerSecond)) {
      r.serviceIdleCpuPerSecond = Math.round(idlePerSecond * 1000) / 1000;
      r.serviceCpuNetMsPerCommand = Math.round((((own - idlePerSecond * r.phaseSeconds) * 1000) / (WARMUP + REQUESTS)) * 10) / 10;
    }
  }
  const runSeconds = Math.round((Date.now() - runStarted) / 1000);
  const loadAverageAtEnd = loadAverage();
  await bench.cleanUp();
  const stopReport = bench.stopReport();

  printCommandsReport(results, REQUESTS, CONNECTIONS);
  const notes: string[] = [];
  const failed = results.filter((r) => r.command.failed + r.health.failed > 0);
  for (const r of failed) notes.push(`${r.service}: ${r.command.failed} commands and ${r.health.failed} health probes failed (measured), e.g. ${r.failures.slice(0, 3).join(' | ')}`);
  if (running.incidents.length > 0) notes.push(`the hub reported: ${running.incidents.slice(0, 5).join(' | ')}`);
  if (stopReport && stopReport.portsStillOpen.length > 0) notes.push(`ports still open after stopping the hub: ${stopReport.portsStillOpen.join(', ')}`);
  for (const note of notes) progress('bench', `note: ${note}`);
  const document = {
    what: "bench:commands: one command route per agency service under a fixed offered load, beside the same service's GET /health in the same phase, against the hub as npm start runs it; latencies in ms",
    definitions: {
      latency: "from the request's scheduled send time (open loop) to its whole answer; a request waiting for a pooled connection counts that wait",
      load: `per service in turn: ${RATE} commands/s offered, each with a fresh voucher of the service's demo client (got before the phase), and a GET /health half an interval after each command; at most ${CONNECTIONS} keep-alive connections`,
      health: "GET /health on the same service in the same phase (the door lets it through): the HTTP stack and the service's event loop under the same load, the floor a command is compared with",
      overFloor: 'command percentile − GET /health percentile; percentiles do not subtract exactly, so it is an estimate of what the command itself costs',
      achievedPerSecond: "(answers with the expected status − 1) / the seconds from the first measured request's due time to the last answer: the offered rate when every answer is on time",
      cpuSeconds: "CPU seconds per part during the phase (warm-up included): the hub's processes by process group, the PostgreSQL backends of the bench database, the load generator",
      serviceCpuMsPerCommand: "the service process's CPU seconds over the phase / its commands (its health probes and the warm-up included)",
      serviceIdleCpuPerSecond: "the service process's least CPU seconds per second during the other services' phases (its Kafka consumers' polls, timers): what it spends without commands",
      serviceCpuNetMsPerCommand: '(the service CPU over its phase − serviceIdleCpuPerSecond × the phase seconds) / its commands',
      cases: 'the social services open every case (caseId chosen by the bench); the other four agencies then record their first event on the same cases',
    },
    config: { ratePerSecond: RATE, requestsPerService: REQUESTS, warmupPerService: WARMUP, connections: CONNECTIONS, pauseSeconds: PAUSE_S },
    meta: { ...meta, loadAverageAtEnd },
    results,
    runSeconds,
    hubStop: stopReport,
    notes,
  };
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(document, null, 2)}\n`);
  progress('bench', `written ${out}`);
  return failed.length > 0 || (stopReport?.portsStillOpen.length ?? 0) > 0 ? 1 : 0;
}

await bench.run(main);
