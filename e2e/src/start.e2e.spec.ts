import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, requireEnv, uniqueName, waitFor, type TestDatabase } from '@traiettorie/testing';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { alive, hubPorts, npmStart, servicePids, type NpmStart, type PortVariable } from './npm-start.js';

/** The quick start's first command, `npm start`, run as a user runs it (npm's process is the one signalled). */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);

describe('npm start', () => {
  let db: TestDatabase;
  let hub: NpmStart;
  let output = '';
  let ports: Record<PortVariable, number>;
  let scratch: string;

  beforeAll(async () => {
    db = await createTestDatabase('start');
    scratch = mkdtempSync(path.join(os.tmpdir(), 'traiettorie-start-'));
    ports = await hubPorts();
    hub = npmStart({
      DATABASE_URL: db.url,
      KAFKA_BROKERS: requireEnv('KAFKA_BROKERS'),
      // Fresh topics: the first start on a broker, when consumers join topics being created.
      KAFKA_TOPIC_PREFIX: uniqueName('start'),
      // The relay's signed chain checkpoints stay with this test, not in the user's cache.
      CHAIN_CHECKPOINT_FILE: path.join(scratch, 'chain-checkpoints.jsonl'),
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    });
    await hub.up();
    output = hub.output();
  });
  afterAll(async () => {
    await hub.stop('SIGKILL');
    await db.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('starts every service once: none crashes on topics that are still being created', () => {
    expect(output).not.toMatch(/exited|restarting|does not host this topic-partition/);
  });

  it('prints where each API and its OpenAPI page are, and every address answers', async () => {
    for (const [name, port] of [
      ['social-services', ports.SOCIAL_SERVICES_PORT],
      ['employment-centre', ports.EMPLOYMENT_CENTRE_PORT],
      ['health-services', ports.HEALTH_SERVICES_PORT],
      ['third-sector', ports.THIRD_SECTOR_PORT],
      ['programme', ports.PROGRAMME_PORT],
      ['deadlines', ports.DEADLINES_PORT],
      ['read-models', ports.READ_MODELS_PORT],
      ['events', ports.EVENTS_PORT],
    ] as const) {
      expect(output).toContain(`${name}`);
      expect(output).toContain(`OpenAPI: http://127.0.0.1:${port}/docs`);
      expect((await fetch(`http://127.0.0.1:${port}/docs`)).status).toBe(200);
    }
    expect((await fetch(`http://127.0.0.1:${ports.RELAY_PORT}/health`)).status).toBe(200);
  });

  it('prints the one address every agency system publishes to and consumes from, on a line of its own beginning with events', () => {
    expect(output).toMatch(new RegExp(`^events {2}http://127\\.0\\.0\\.1:${ports.EVENTS_PORT}/events\\b`, 'm'));
  });

  it('documents each command body from its contract in the OpenAPI document', async () => {
    const document = (await (await fetch(`http://127.0.0.1:${ports.SOCIAL_SERVICES_PORT}/docs-json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } }>>;
    };
    const body = document.paths['/cases']?.['post']?.requestBody?.content['application/json']?.schema;
    expect(body?.properties['measure']).toMatchObject({ enum: ['ADI', 'SFL', 'RdC', 'REI', 'LOCAL'] });
    expect(body?.properties['householdRef']).toMatchObject({ 'x-classification': 'personal' });
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/cases/{caseId}/assessment', '/cases/{caseId}/pact']));
  });

  it("runs the README's pathway block as pasted (only the ports differ)", async () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## A pathway over HTTP'));
    const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBeDefined();
    const script = block!
      .replaceAll('localhost:3001', `127.0.0.1:${ports.SOCIAL_SERVICES_PORT}`)
      .replaceAll('localhost:3002', `127.0.0.1:${ports.EMPLOYMENT_CENTRE_PORT}`)
      .replaceAll('localhost:3003', `127.0.0.1:${ports.READ_MODELS_PORT}`);
    const { stdout } = await run('bash', ['-c', script], {
      timeout: 120_000,
      cwd: root,
      env: { ...process.env, AUTHORITY_URL: `http://127.0.0.1:${ports.AUTHORITY_PORT}` },
    });
    const caseId = /^case ([0-9a-f-]{36})$/m.exec(stdout)?.[1];
    expect(caseId).toBeDefined();
    const lines = stdout.split('\n').filter((l) => l.startsWith('{') || l.startsWith('['));
    const parsed = lines.map((l) => JSON.parse(l) as unknown);
    // The assessment's answer, the waited-for summary, the list, the referral, the referrals, the history.
    expect(parsed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ caseId, status: 'pact-signed' }),
        expect.arrayContaining([expect.objectContaining({ caseId, status: 'pact-signed' })]),
        expect.objectContaining({ caseId, status: 'referred' }),
      ]),
    );
    const history = parsed.at(-1) as { type: string }[];
    // The CPI's placement request for the pact's tirocinio may or may not have arrived yet when the block reads the history.
    expect(history.map((e) => e.type).filter((t) => t !== 'TirocinioPlacementRequested').sort()).toEqual(['AssessmentCompleted', 'CaseOpened', 'EmploymentReferralReceived', 'PactSigned']);
  });

  it("runs the README's cloudevents SDK example as a client would (only the address differs): binary, structured, a batch, the feed", async () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Agency systems: publish and consume events'));
    const block = /```js\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBeDefined();
    const file = path.join(root, `publish-${process.pid}.mjs`);
    writeFileSync(file, block!.replaceAll('http://127.0.0.1:3000/events', `http://127.0.0.1:${ports.EVENTS_PORT}/events`));
    try {
      const { stdout } = await run(process.execPath, [file], {
        timeout: 120_000,
        cwd: root,
        env: { ...process.env, AUTHORITY_URL: `http://127.0.0.1:${ports.AUTHORITY_PORT}` },
      });
      // The binary event accepted (201), the structured one accepted (201), the batch answered per event (200):
      // the opening again a duplicate, a second assessment refused by the decider, the closure accepted.
      expect(stdout).toMatch(/^\[\s*201,/m);
      const batch = /^\[\n\s*200,\n[\s\S]*?^\]$/m.exec(stdout)?.[0];
      expect(batch).toBeDefined();
      const [, answer] = JSON.parse(batch!) as [number, { results: { status: string; problem?: { status: number } }[] }];
      expect(answer.results.map((r) => r.status)).toEqual(['duplicate', 'refused', 'accepted']);
      expect(answer.results[1]?.problem?.status).toBe(409);
      // The feed shows this client's events, the ones just posted among them.
      expect(stdout).toMatch(/'CaseOpened'[\s\S]*'AssessmentCompleted'[\s\S]*'CaseClosed'[\s\S]*next:/);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('stops every service it started when npm gets SIGTERM', async () => {
    const pids = await servicePids(ports);
    // npm itself dies of the signal it forwards; what matters is that everything it started stops.
    await hub.stop('SIGTERM');
    await waitFor(() => pids.filter(alive), (left) => left.length === 0, { what: 'every service process to exit', timeoutMs: 30_000 });
    for (const port of Object.values(ports)) {
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    }
  });
});
