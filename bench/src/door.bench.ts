/**
 * `npm run bench:door`: what the door (voucher, tracking evidence, used-voucher
 * table, authorisation) costs on a command and on a personal-data read, in one
 * run against the hub as `npm start` runs it. See bench/README.md.
 *
 * The services are never run without their door: "without" is the same
 * request's latency less the door's own work, measured in this process over
 * the very tokens the requests carried, with the hub's own `Door` (jose, the
 * warm cached remote JWKS, the registry, the used-voucher INSERT on the same
 * database) and the authorisation functions the controllers call.
 */
import { authorizeActingOn, authorizeEmit, authorizeRead, demoPurposes, redactForReader, type Caller, type Decision } from '@traiettorie/access';
import { Door, UsedVouchers } from '@traiettorie/nest-kit';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { expectStatus, measure, summarise, type Cell } from './door/cells.js';
import { printDoorReport, type Row } from './door/door-report.js';
import { createSequentialClient } from './door/http.js';
import { clientKeysDir, createVoucherSource, type DoorHeaders } from './door/tokens.js';
import { loadE2eConfig, type E2eConfig } from './e2e/e2e-config.js';
import { assessment, openCase } from './e2e/load.js';
import { progress } from './e2e/progress.js';
import { describeMachine, hubBench, loadAverage } from './hub-bench.js';

const N = Number(process.env['BENCH_DOOR_REQUESTS'] ?? 2000);
const WARMUP = Number(process.env['BENCH_DOOR_WARMUP'] ?? 100);
if (!Number.isInteger(N) || N < 10 || !Number.isInteger(WARMUP) || WARMUP < 0) throw new Error('BENCH_DOOR_REQUESTS (≥ 10) and BENCH_DOOR_WARMUP (≥ 0) must be integers');
const AMBITO = 'LOM-SESTO-SAN-GIOVANNI';
const AUDIENCE = process.env['VOUCHER_AUDIENCE'] ?? 'traiettorie';

const e2e = loadE2eConfig([]);
if (e2e === 'help') throw new Error('unreachable');
const config: E2eConfig = { ...e2e, database: `traiettorie_bench_door_${process.pid}`, keepDatabase: false };
const out = process.env['BENCH_DOOR_OUT'] ? path.resolve(process.env['INIT_CWD'] ?? process.cwd(), process.env['BENCH_DOOR_OUT']) : path.join(config.root, 'bench', 'results', 'door.json');

const bench = hubBench(config);

function allowed(decision: Decision | { allowed: boolean }): void {
  if (!decision.allowed) throw new Error(`the bench's caller was refused: ${JSON.stringify(decision)}`);
}

async function main(): Promise<void> {
  const meta = await describeMachine(config);
  const runStarted = Date.now();
  const runTag = Date.now().toString(36);
  const running = await bench.start();
  const appUrl = new URL(running.databaseUrl);
  appUrl.username = 'traiettorie_app';
  appUrl.password = '';
  // The door as the services build it (doorProviders): the same class, configuration and database; a pool of 2 as theirs.
  const used = new UsedVouchers(new pg.Pool({ connectionString: appUrl.toString(), max: 2 }));
  await used.init();
  const door = new Door(
    {
      VOUCHER_ISSUER: running.authority,
      VOUCHER_AUDIENCE: AUDIENCE,
      VOUCHER_JWKS_URL: `${running.authority}/.well-known/jwks.json`,
      TRAIETTORIE_CLIENT_KEYS_FILE: path.join(clientKeysDir(), 'public-keys.json'),
      VOUCHER_CLOCK_TOLERANCE_SECONDS: 30,
    },
    // The same INSERT on the same table; the voucher's id is marked so that it is not the row its HTTP request left.
    { firstUse: (issuer, jti, expiresAt) => used.firstUse(issuer, `bench-door:${jti}`, expiresAt) },
  );
  type DoorRequest = Parameters<Door['admit']>[0];
  const admit = (headers: DoorHeaders, command: boolean, readsPersonalData = !command): Promise<Caller> =>
    door.admit({ headers } as unknown as DoorRequest, { command, readsPersonalData });
  const vouchers = createVoucherSource(running.authority, AUDIENCE);
  const http = createSequentialClient();
  const ss = running.socialServices;
  const rm = running.readModels;
  const cells: Record<string, Cell> = {};
  const cell = async (c: Promise<Cell>) => {
    const done = await c;
    cells[done.name] = done;
    const s = summarise(done.samples);
    progress('bench', `${done.name}: n ${s.n}, p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms`);
  };
  const total = N + WARMUP;
  try {
    progress('bench', `${N} measured requests per cell after ${WARMUP} unmeasured; one at a time`);
    await cell(measure('health social-services', N, WARMUP, async () => expectStatus('GET /health', await http.get(`${ss}/health`), 200)));

    // Commands: a fresh voucher each (a command's voucher is good once).
    let tokens = await vouchers(total, false);
    const caseIds: string[] = [];
    await cell(
      measure('POST /cases', N, WARMUP, async (i) => {
        const answer = await http.post(`${ss}/cases`, openCase(`P-DOOR-${runTag}-${i}`), tokens[i]!);
        expectStatus('POST /cases', answer, 201);
        caseIds.push((answer.body as { caseId: string }).caseId);
      }),
    );
    const openTokens = tokens;
    await cell(
      measure('door: POST /cases', N, WARMUP, async (i) => {
        const caller = await admit(openTokens[i]!, true);
        allowed(authorizeActingOn(caller, AMBITO));
        allowed(authorizeEmit(caller, { type: 'CaseOpened', ambito: AMBITO }));
      }),
    );
    // The same tokens once more, the voucher's checks alone: what of a command's door is the used-voucher INSERT.
    await cell(
      measure('door, voucher checks only (no INSERT): POST /cases', N, WARMUP, async (i) => {
        await admit(openTokens[i]!, false, false);
      }),
    );
    tokens = await vouchers(total, false);
    await cell(
      measure('POST /cases/{id}/assessment', N, WARMUP, async (i) =>
        expectStatus('POST /cases/{id}/assessment', await http.post(`${ss}/cases/${caseIds[i]}/assessment`, assessment, { 'if-match': '"1"', ...tokens[i]! }), 201),
      ),
    );
    const assessTokens = tokens;
    await cell(
      measure('door: POST /cases/{id}/assessment', N, WARMUP, async (i) => {
        const caller = await admit(assessTokens[i]!, true);
        allowed(authorizeActingOn(caller, AMBITO));
        allowed(authorizeEmit(caller, { type: 'AssessmentCompleted', ambito: AMBITO }));
      }),
    );

    // Personal-data reads: a fresh voucher and tracking evidence each, then one voucher reused within its lifetime.
    const caseOf = (i: number) => caseIds[i % caseIds.length]!;
    let history: Parameters<typeof redactForReader>[1] = [];
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });
    for (const reuse of [false, true]) {
      const label = reuse ? 'reused voucher' : 'fresh voucher';
      const reused = (await vouchers(1, true))[0]!;
      tokens = reuse ? Array.from({ length: total }, () => reused) : await vouchers(total, true);
      const these = tokens;
      await cell(
        measure(`GET /cases/{id}/events, ${label}`, N, WARMUP, async (i) => {
          const answer = await http.get(`${ss}/cases/${caseOf(i)}/events`, these[i]!);
          expectStatus('GET /cases/{id}/events', answer, 200);
          if (i === 0) history = answer.body as typeof history;
        }),
      );
      await cell(
        measure(`door: GET /cases/{id}/events, ${label}`, N, WARMUP, async (i) => {
          const caller = await admit(these[i]!, false);
          allowed(authorizeRead(caller, { scope: 'case-history', ambito: AMBITO }));
          redactForReader(caller, history, { purposes: demoPurposes, today });
        }),
      );
    }

    await cell(measure('health read-models', N, WARMUP, async () => expectStatus('GET /health', await http.get(`${rm}/health`), 200)));
    // The read model is fed through Kafka: wait until it shows the last case.
    const reusedSummary = (await vouchers(1, true))[0]!;
    const deadline = Date.now() + 120_000;
    while ((await http.get(`${rm}/cases/${caseIds.at(-1)}`, reusedSummary)).status !== 200) {
      if (Date.now() > deadline) throw new Error('the read model did not show the bench cases within 120 s');
      await new Promise((r) => setTimeout(r, 200));
    }
    for (const reuse of [false, true]) {
      const label = reuse ? 'reused voucher' : 'fresh voucher';
      tokens = reuse ? Array.from({ length: total }, () => reusedSummary) : await vouchers(total, true);
      const these = tokens;
      await cell(
        measure(`GET /cases/{id} (read-models), ${label}`, N, WARMUP, async (i) =>
          expectStatus('GET /cases/{id} (read-models)', await http.get(`${rm}/cases/${caseOf(i)}`, these[i]!), 200),
        ),
      );
      await cell(
        measure(`door: GET /cases/{id} (read-models), ${label}`, N, WARMUP, async (i) => {
          const caller = await admit(these[i]!, false);
          allowed(authorizeRead(caller, { scope: 'case-summary', ambito: AMBITO }));
        }),
      );
    }
  } finally {
    http.close();
    await used.onApplicationShutdown();
  }
  await bench.cleanUp();
  const stopReport = bench.stopReport();

  const s = (name: string) => summarise(cells[name]!.samples);
  const rows: Row[] = [
    ['command', 'POST /cases', 'health social-services'],
    ['command', 'POST /cases/{id}/assessment', 'health social-services'],
    ['read', 'GET /cases/{id}/events, fresh voucher', 'health social-services'],
    ['read', 'GET /cases/{id}/events, reused voucher', 'health social-services'],
    ['read', 'GET /cases/{id} (read-models), fresh voucher', 'health read-models'],
    ['read', 'GET /cases/{id} (read-models), reused voucher', 'health read-models'],
  ].map(([kind, name, health]) => {
    const withDoor = s(name!);
    const doorCost = s(`door: ${name}`);
    return {
      kind: kind as 'command' | 'read',
      request: name!,
      withDoor,
      door: doorCost,
      withoutDoorP50: Math.round((withDoor.p50 - doorCost.p50) * 1000) / 1000,
      doorShareOfP50: Math.round((doorCost.p50 / withDoor.p50) * 1000) / 1000,
      doorShareOfP99: Math.round((doorCost.p99 / withDoor.p99) * 1000) / 1000,
      healthBaseline: s(health!),
      healthBaselineService: health!.replace('health ', ''),
    };
  });
  printDoorReport(rows, N);
  const checksOnly = s('door, voucher checks only (no INSERT): POST /cases');
  const openDoor = s('door: POST /cases');
  console.log(
    `Of POST /cases' door (p50 ${openDoor.p50.toFixed(2)} ms), the voucher's checks alone take p50 ${checksOnly.p50.toFixed(2)} / p99 ${checksOnly.p99.toFixed(2)} ms; ` +
      `the rest is the used-voucher INSERT (a PostgreSQL commit).\n`,
  );
  const notes: string[] = [];
  if (running.incidents.length > 0) notes.push(`the hub reported: ${running.incidents.slice(0, 5).join(' | ')}`);
  if (stopReport && stopReport.portsStillOpen.length > 0) notes.push(`ports still open after stopping the hub: ${stopReport.portsStillOpen.join(', ')}`);
  const document = {
    what: "bench:door: the door's cost on a command and on a personal-data read, against the hub as npm start runs it; latencies in ms",
    definitions: {
      withDoor: 'the HTTP request to the real service, from send to its whole answer; one request at a time on one keep-alive connection',
      door: "the door's own work, in the bench process over the same tokens: Door.admit (jose jwtVerify of the voucher against the warm cached createRemoteJWKSet, the registry lookup, for reads the tracking evidence's verification and digest binding, for commands the used-voucher INSERT into door.used_vouchers on the same database) plus the authorisation the controllers call (commands: authorizeActingOn + authorizeEmit; events: authorizeRead + redactForReader over the case's history; summary: authorizeRead)",
      withoutDoorP50: 'withDoor.p50 − door.p50: the services never run without their door; percentiles do not subtract exactly, so only p50 is estimated',
      doorShare: 'door percentile / withDoor percentile',
      voucherChecksOnly: "the cell 'door, voucher checks only (no INSERT): POST /cases': Door.admit over POST /cases' tokens as if for a read without personal data, so without the used-voucher INSERT",
      healthBaseline: 'GET /health on the same service (the door lets it through): the HTTP stack alone',
      freshVoucher: 'a new voucher (and, for a read, a new bound tracking evidence) per request, as an agency system that asks for one each time',
      reusedVoucher: 'one voucher and tracking evidence for every read (reads may reuse a voucher within its lifetime); the door verifies it anew each time',
    },
    config: { requestsPerCell: N, warmupPerCell: WARMUP, client: 'ss-sesto', ambito: AMBITO },
    meta: { ...meta, loadAverageAtEnd: loadAverage() },
    rows,
    cells: Object.fromEntries(Object.values(cells).map((c) => [c.name, summarise(c.samples)])),
    runSeconds: Math.round((Date.now() - runStarted) / 1000),
    hubStop: stopReport,
    notes,
  };
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(document, null, 2)}\n`);
  progress('bench', `written ${out}`);
}

await bench.run(main);
