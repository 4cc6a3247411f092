/**
 * `npm run bench:e2e`: the hub as `npm start` runs it, driven over HTTP at
 * fixed offered rates of open-case + assessment pathways, watched in the read
 * model's table. See bench/README.md.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { loadE2eConfig, USAGE, type E2eConfig } from './e2e/e2e-config.js';
import { printE2eReport, summarisePhase, type PhaseResult } from './e2e/e2e-report.js';
import { cpuBetween, sampleCpu } from './e2e/cpu-usage.js';
import { createHttpClient } from './e2e/http-client.js';
import { offerLoad, ssSestoVouchers, type PhaseLoad } from './e2e/load.js';
import { missingChanges, ok, type Pathway } from './e2e/pathways.js';
import { progress } from './e2e/progress.js';
import { ReadModelWatcher } from './e2e/read-model-watcher.js';
import { describeMachine, hubBench, loadAverage } from './hub-bench.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const loaded = loadE2eConfig();
if (loaded === 'help') {
  console.log(USAGE);
  process.exit(0);
}
const config: E2eConfig = loaded;
const bench = hubBench(config);

type DrainEnd = 'caught-up' | 'quiet' | 'cap' | 'interrupted';

/**
 * Waits until every pathway given is complete; gives up when neither a
 * command's answer nor a read-model change came for `quietS`, or after
 * `drainS`. Returns how long after `from` the last change was seen.
 */
async function drain(watcher: ReadModelWatcher, pathways: Pathway[], from: number): Promise<{ end: DrainEnd; caughtUpAfterMs: number | null }> {
  const deadline = performance.now() + config.drainS * 1000;
  const these = new Set(pathways);
  let lastReport = performance.now();
  let lastProgress = performance.now();
  let progressMark = '';
  for (;;) {
    if (bench.signal.aborted) return { end: 'interrupted', caughtUpAfterMs: null };
    const pending = watcher.pending().filter((p) => these.has(p));
    if (pending.length === 0) break;
    const mark = `${watcher.changes}/${pending.length}/${pending.filter((p) => p.assessDoneAt !== undefined).length}`;
    if (mark !== progressMark) {
      progressMark = mark;
      lastProgress = performance.now();
    }
    if (performance.now() - lastProgress > config.quietS * 1000) return { end: 'quiet', caughtUpAfterMs: null };
    if (performance.now() > deadline) return { end: 'cap', caughtUpAfterMs: null };
    if (performance.now() - lastReport > 5000) {
      lastReport = performance.now();
      progress('bench', `read model catching up: ${pending.length} pathways pending, ${((performance.now() - from) / 1000).toFixed(0)} s after the last command was due`);
    }
    await sleep(config.pollMs);
  }
  const seen = pathways.flatMap((p) => [p.seenOpen, p.seenAssessed, p.seenReferral, p.openDoneAt, p.assessDoneAt]).filter((t): t is number => t !== undefined);
  return { end: 'caught-up', caughtUpAfterMs: Math.max(0, Math.max(...seen) - from) };
}

/** The Kafka npm start runs (infra/local/kafka.mjs), for the results' machine. */
async function kafkaVersion(): Promise<string | undefined> {
  const kafka = /KAFKA_VERSION\s*=\s*'([^']+)'/.exec(await readFile(path.join(config.root, 'infra', 'local', 'kafka.mjs'), 'utf8'))?.[1];
  return kafka ? `Apache Kafka ${kafka} (KRaft, single node, started by npm start)` : undefined;
}

async function main(): Promise<void> {
  const meta = await describeMachine(config, { kafka: await kafkaVersion() });
  const runTag = Date.now().toString(36);
  const hub = await bench.start();
  const watcher = new ReadModelWatcher(hub.databaseUrl, config.pollMs);
  watcher.start();
  const cpuPool = new pg.Pool({ connectionString: hub.databaseUrl, max: 1, application_name: 'bench-e2e-cpu' });
  cpuPool.on('error', () => {}); // an idle connection ended by the database's drop
  const http = createHttpClient(config.connections);
  const all: Pathway[] = [];
  const phases: { load: PhaseLoad; pathways: Pathway[]; caughtUp: number | null; loadAverage: number[]; cpuSeconds: Record<string, number> }[] = [];
  try {
    const loads: PhaseLoad[] = [
      ...(config.warmupS > 0 ? [{ name: 'warmup', rate: config.warmupRate, durationS: config.warmupS }] : []),
      ...config.rates.map((rate) => ({ name: `r${rate}`, rate, durationS: config.durationS })),
    ];
    for (const load of loads) {
      if (bench.signal.aborted) return;
      progress('bench', `${load.name === 'warmup' ? 'warm-up' : 'offering'} ${load.rate} commands/s for ${load.durationS} s (${Math.round((load.rate * load.durationS) / 2)} pathways)`);
      http.fresh();
      const cpuBefore = await sampleCpu(hub.group, cpuPool, config.database);
      const started = performance.now();
      const ticker = setInterval(() => {
        const pending = watcher.pending();
        const oldest = pending[0];
        const failed = all.filter((p) => p.error).length;
        progress(
          'bench',
          `${load.name} t=${((performance.now() - started) / 1000).toFixed(0)}s: ${pending.length} pathways awaiting an answer or the read model` +
            (oldest ? `, oldest due ${((performance.now() - oldest.openPlanned) / 1000).toFixed(1)} s ago` : '') +
            (failed ? `, ${failed} failed so far` : ''),
        );
      }, 5000);
      let pathways: Pathway[];
      try {
        pathways = await offerLoad(load, http, hub.socialServices, watcher, runTag, bench.signal, (n) => ssSestoVouchers(hub.authority, n));
      } finally {
        clearInterval(ticker);
      }
      all.push(...pathways);
      if (bench.signal.aborted) return;
      const lastDue = Math.max(...pathways.map((p) => p.assessPlanned));
      const drained = await drain(watcher, pathways, lastDue);
      if (drained.end === 'interrupted') return;
      const caughtUp = drained.caughtUpAfterMs;
      const failures = pathways.filter((p) => p.error);
      if (failures.length > 0) progress('bench', `${failures.length} pathways had a failed command, e.g. ${failures[0]!.error}`);
      progress(
        'bench',
        drained.end === 'caught-up'
          ? `${load.name}: read model caught up ${(caughtUp! / 1000).toFixed(2)} s after the last command was due`
          : `${load.name}: the read model had not caught up (${drained.end === 'quiet' ? `nothing new for ${config.quietS} s` : `still catching up after ${config.drainS} s`})`,
      );
      const cpuSeconds = cpuBetween(cpuBefore, await sampleCpu(hub.group, cpuPool, config.database));
      const accepted = pathways.reduce((n, p) => n + Number(ok(p.openStatus)) + Number(ok(p.assessStatus)), 0);
      const hubCpu = Object.entries(cpuSeconds).filter(([part]) => part !== 'load-generator').reduce((n, [, s]) => n + s, 0);
      progress(
        'bench',
        `${load.name}: CPU seconds ${Object.entries(cpuSeconds).map(([part, s]) => `${part} ${s.toFixed(1)}`).join(', ')}; the hub ${((hubCpu * 1000) / Math.max(1, accepted)).toFixed(1)} ms of CPU per accepted command`,
      );
      phases.push({ load, pathways, caughtUp, loadAverage: loadAverage(), cpuSeconds });
    }
    // Stragglers of any phase get one more drain: what is still missing once nothing moves for quietS is lost.
    let finalEnd: DrainEnd = 'caught-up';
    if (all.some((p) => Object.values(missingChanges(p)).some(Boolean))) finalEnd = (await drain(watcher, all, performance.now())).end;
    if (finalEnd === 'interrupted') return;
    const census = await watcher.census();
    const measured = phases.filter((p) => p.load.name !== 'warmup');
    const results: (PhaseResult & { loadAverageAfter: number[]; cpuSeconds: Record<string, number> })[] = measured.map((p) => ({
      ...summarisePhase(p.load.name, p.load.rate, p.load.durationS, p.pathways, p.caughtUp, config.keepUpMs),
      /** The machine's 1/5/15-minute load average when the phase had drained: other work on the machine shows here. */
      loadAverageAfter: p.loadAverage,
      /** CPU seconds (user + system) from the phase's start until it drained, per part of the hub, PostgreSQL backends of the bench database, and this load generator. */
      cpuSeconds: p.cpuSeconds,
    }));
    const missingAll = all.map(missingChanges).reduce((n, m) => n + Number(m.open) + Number(m.assessed) + Number(m.referral), 0);
    // Still arriving when the drain's cap ended it: not seen is not lost.
    const lost = finalEnd === 'cap' ? null : missingAll;
    const kept = results.filter((r) => r.keptUp).map((r) => r.offeredRate);
    const highest = kept.length > 0 ? Math.max(...kept) : null;
    printE2eReport(results, highest, lost, missingAll, config.keepUpMs);
    await watcher.stop();
    await cpuPool.end();
    http.close();
    await bench.cleanUp();
    const stopReport = bench.stopReport();
    const notes: string[] = [];
    if (hub.incidents.length > 0) notes.push(`the hub reported: ${hub.incidents.slice(0, 5).join(' | ')} (full output kept in ${hub.logFile})`);
    if (census.overApplied > 0) notes.push(`${census.overApplied} case summaries counted more than 3 applied events`);
    if (stopReport && stopReport.portsStillOpen.length > 0) notes.push(`ports still open after stopping the hub: ${stopReport.portsStillOpen.join(', ')}`);
    if (watcher.pollErrors > 0) notes.push(`${watcher.pollErrors} polls of the read model failed (last: ${watcher.lastPollError}); the table is made by read-models at start-up`);
    const document = {
      what: 'bench:e2e: open-case + assessment pathways over HTTP against the hub as npm start runs it; latencies in ms',
      definitions: {
        command: "from the command's scheduled send time (open loop) to its HTTP answer",
        oneHop: "from the command's scheduled send time to the first poll of read_models.case_summaries showing its change (open-case: opened_at, assessment: assessed_at)",
        twoHops: "from the assessment's send time to the first poll showing the employment centre's referral (employment_referral_at): relay → Kafka → employment-centre policy → store → relay → Kafka → read-models",
        connections: `at most ${config.connections} connections to social-services; a command beyond them waits in the client, and that wait counts (latencies run from the schedule)`,
        assessmentSendTime: 'half a command interval after its open-case was due, or the open-case answer if later',
        keptUp: `every command accepted, nothing missing, achieved ≥ 95 % of the offered rate, one hop and two hops p99 ≤ ${config.keepUpMs} ms`,
        eventsLost: `changes of accepted commands (CaseOpened, AssessmentCompleted, and the policy's EmploymentReferralReceived) never seen in the read model once nothing new arrived for ${config.quietS} s; null when the drain's cap (${config.drainS} s) stopped the wait while changes were still arriving`,
        resolution: `the read model is polled every ${config.pollMs} ms (plus the query's time); a change is timed at the first poll that shows it`,
      },
      config: { rates: config.rates, durationS: config.durationS, connections: config.connections, warmupS: config.warmupS, warmupRate: config.warmupRate, drainS: config.drainS, quietS: config.quietS, keepUpMs: config.keepUpMs, pollMs: config.pollMs },
      meta,
      phases: results,
      highestRateKeptUp: highest,
      eventsLost: lost,
      eventsNotSeen: missingAll,
      readModel: { ...census, polls: watcher.polls, rowsRead: watcher.rowsRead, pathways: all.length, expectedEvents: all.length * 3 },
      hubStop: stopReport,
      notes,
    };
    await mkdir(path.dirname(config.out), { recursive: true });
    await writeFile(config.out, `${JSON.stringify(document, null, 2)}\n`);
    progress('bench', `written ${config.out}`);
  } finally {
    http.close();
    await watcher.stop().catch(() => {});
    if (!cpuPool.ended) await cpuPool.end().catch(() => {});
  }
}

await bench.run(main);
