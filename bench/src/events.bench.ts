/**
 * `npm run bench:events`: how fast `POST /events` records a batch of 1,000
 * CloudEvents (one read of every stream, one append of all of them), against
 * the same events posted one by one (one request, one voucher, one read and
 * one append each), in the same run, on the same PostgreSQL. The events
 * service runs in this process behind its real door; vouchers are fetched
 * before the clock starts. Then, in the process, where a batch's time goes:
 * its contract checks, and its recording with every stream appended at once
 * against each stream appended on its own. See bench/README.md.
 */
import { demoClients } from '@traiettorie/access';
import { dataSchemaOf, definitionOf, type EventType } from '@traiettorie/contracts';
import { sourceOfClient, startEventsHub } from '@traiettorie/events/testing';
import { mkdir, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, splitOfBatch } from './events/split.js';

const EVENTS = Number(process.env['BENCH_EVENTS_BATCH'] ?? 1000);
const ROUNDS = Number(process.env['BENCH_EVENTS_ROUNDS'] ?? 5);
process.env['DATABASE_URL'] ??= 'postgres://postgres@127.0.0.1:5432/postgres';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const source = sourceOfClient('ss-sesto');

/** A valid event of the type from its contract's example (as @traiettorie/testing's sampleEvent, which needs jest). */
function sampleEvent(type: EventType, { caseId, time, personRef }: { caseId: string; time: string; personRef: string }) {
  const definition = definitionOf(type);
  return {
    specversion: '1.0',
    id: randomUUID(),
    source,
    type,
    time,
    subject: caseId,
    datacontenttype: 'application/json',
    dataschema: dataSchemaOf(definition),
    ambito: 'LOM-SESTO-SAN-GIOVANNI',
    personref: personRef,
    legalbasis: 'DL-48-2023',
    data: definition.example,
  };
}

/** A social-services system's day: cases opened, assessed, pact signed, closed (4 events per case, in order). */
function events(count: number): unknown[] {
  const out: unknown[] = [];
  const time = (i: number) => new Date(Date.UTC(2026, 9, 1, 9, 0, i)).toISOString();
  for (let c = 0; out.length < count; c++) {
    const caseId = randomUUID();
    const personRef = `P-SSG-${caseId.slice(0, 8)}`;
    for (const type of ['CaseOpened', 'AssessmentCompleted', 'PactSigned', 'CaseClosed'] as const) {
      if (out.length < count) out.push(sampleEvent(type, { caseId, personRef, time: time(out.length) }));
    }
  }
  return out;
}

const hub = await startEventsHub('bench_events');
try {
  const post = async (contentType: string, body: unknown, headers: Record<string, string>) => {
    const response = await fetch(`${hub.url}/events`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body: JSON.stringify(body) });
    const json = (await response.json()) as { accepted?: number; duplicate?: number; refused?: number };
    if (response.status >= 300) throw new Error(`POST /events answered ${response.status}: ${JSON.stringify(json).slice(0, 500)}`);
    return json;
  };
  // Warm-up: JIT, pools, the door's cached keys.
  await post('application/cloudevents-batch+json', events(100), await hub.as('ss-sesto'));
  const batchMs: number[] = [];
  const duplicateMs: number[] = [];
  const singleMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const batch = events(EVENTS);
    let headers = await hub.as('ss-sesto');
    let started = performance.now();
    const result = await post('application/cloudevents-batch+json', batch, headers);
    batchMs.push(performance.now() - started);
    if (result.accepted !== EVENTS) throw new Error(`the batch was not accepted whole: ${JSON.stringify(result)}`);
    headers = await hub.as('ss-sesto');
    started = performance.now();
    const again = await post('application/cloudevents-batch+json', batch, headers);
    duplicateMs.push(performance.now() - started);
    if (again.duplicate !== EVENTS) throw new Error(`the re-posted batch was not all duplicates: ${JSON.stringify(again)}`);
    // The same number of events, one request each (structured mode), a voucher each fetched beforehand.
    const singles = events(EVENTS);
    const vouchers = [];
    for (let i = 0; i < singles.length; i++) vouchers.push(await hub.as('ss-sesto'));
    started = performance.now();
    for (let i = 0; i < singles.length; i++) await post('application/cloudevents+json', singles[i], vouchers[i]!);
    singleMs.push(performance.now() - started);
    process.stderr.write(`round ${round + 1}/${ROUNDS}: batch ${batchMs.at(-1)!.toFixed(0)} ms, re-post ${duplicateMs.at(-1)!.toFixed(0)} ms, one by one ${singleMs.at(-1)!.toFixed(0)} ms\n`);
  }
  const where = await splitOfBatch(hub.db.url, () => events(EVENTS), ROUNDS);
  const rate = (ms: number) => Math.round((EVENTS / ms) * 1000);
  const results = {
    events: EVENTS,
    rounds: ROUNDS,
    batchMs: { median: median(batchMs), all: batchMs },
    rePostedBatchMs: { median: median(duplicateMs), all: duplicateMs },
    oneByOneMs: { median: median(singleMs), all: singleMs },
    eventsPerSecond: { batch: rate(median(batchMs)), rePostedBatch: rate(median(duplicateMs)), oneByOne: rate(median(singleMs)) },
    /** The same size of batch in the process, without HTTP and the door: its contract checks, then recordEvents on the store both ways. */
    inProcess: where,
    meta: { node: process.version, clients: demoClients.length, cpus: os.cpus().length, loadAverage: os.loadavg(), at: new Date().toISOString() },
  };
  console.log(
    [
      `| ${EVENTS} events (median of ${ROUNDS}) | ms | events/s |`,
      '| --- | ---: | ---: |',
      `| one batch (application/cloudevents-batch+json) | ${median(batchMs).toFixed(0)} | ${results.eventsPerSecond.batch.toLocaleString('en')} |`,
      `| the same batch re-posted (all duplicates) | ${median(duplicateMs).toFixed(0)} | ${results.eventsPerSecond.rePostedBatch.toLocaleString('en')} |`,
      `| one by one (structured, one request each) | ${median(singleMs).toFixed(0)} | ${results.eventsPerSecond.oneByOne.toLocaleString('en')} |`,
      '',
      `| in the process, ${EVENTS} events (median of ${ROUNDS}) | ms |`,
      '| --- | ---: |',
      `| contract checks (parseEvent) | ${where.contractChecks.median.toFixed(0)} |`,
      `| recordEvents, every stream appended at once | ${where.allStreamsAtOnce.median.toFixed(0)} |`,
      `| … its read of every stream (readStreams) | ${where.reads.median.toFixed(0)} |`,
      `| … its deciders (and the rest of recordEvents) | ${where.deciders.median.toFixed(0)} |`,
      `| … the new persons' data keys | ${where.dataKeys.median.toFixed(0)} |`,
      `| … sealing: personal fields encrypted, append MACs | ${where.sealing.median.toFixed(0)} |`,
      `| … the append statement (append_streams) | ${where.appendStatement.median.toFixed(0)} |`,
      `| recordEvents, each stream appended on its own | ${where.streamByStream.median.toFixed(0)} |`,
    ].join('\n'),
  );
  await mkdir(path.join(root, 'bench', 'results'), { recursive: true });
  await writeFile(path.join(root, 'bench', 'results', 'events.json'), `${JSON.stringify(results, null, 2)}\n`);
} finally {
  await hub.stop();
}
