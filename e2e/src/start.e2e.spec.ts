import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, freePort, requireEnv, uniqueName, waitFor, type TestDatabase } from '@traiettorie/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');


/** What `npm start` runs after the build: the quick start's first command. */
describe('npm start', () => {
  let db: TestDatabase;
  let hub: ChildProcess;
  let output = '';
  const ports: Record<string, number> = {};

  beforeAll(async () => {
    db = await createTestDatabase('start');
    for (const name of ['SOCIAL_SERVICES_PORT', 'EMPLOYMENT_CENTRE_PORT', 'READ_MODELS_PORT', 'RELAY_PORT']) ports[name] = await freePort();
    const prefix = uniqueName('start');
    hub = spawn(process.execPath, [path.join(root, 'infra', 'start.mjs')], {
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        KAFKA_BROKERS: requireEnv('KAFKA_BROKERS'),
        KAFKA_TOPIC_PREFIX: prefix,
        ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    hub.stdout?.on('data', (chunk) => (output += chunk));
    hub.stderr?.on('data', (chunk) => (output += chunk));
    await waitFor(() => output, (o) => o.includes('Traiettorie is up.'), { what: 'the hub to say it is up', timeoutMs: 90_000 });
  });
  afterAll(async () => {
    if (hub.exitCode === null) {
      hub.kill('SIGKILL');
      await new Promise((resolve) => hub.once('exit', resolve));
    }
    await db.drop();
  });

  it('prints where each API and its OpenAPI page are, and every address answers', async () => {
    for (const [name, port] of [
      ['social-services', ports['SOCIAL_SERVICES_PORT']],
      ['employment-centre', ports['EMPLOYMENT_CENTRE_PORT']],
      ['read-models', ports['READ_MODELS_PORT']],
    ] as const) {
      expect(output).toContain(`${name}`);
      expect(output).toContain(`OpenAPI: http://127.0.0.1:${port}/docs`);
      expect((await fetch(`http://127.0.0.1:${port}/docs`)).status).toBe(200);
    }
    expect((await fetch(`http://127.0.0.1:${ports['RELAY_PORT']}/health`)).status).toBe(200);
  });

  it('documents each command body from its contract in the OpenAPI document', async () => {
    const document = (await (await fetch(`http://127.0.0.1:${ports['SOCIAL_SERVICES_PORT']}/docs-json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } }>>;
    };
    const body = document.paths['/cases']?.['post']?.requestBody?.content['application/json']?.schema;
    expect(body?.properties['measure']).toMatchObject({ enum: ['ADI', 'SFL', 'RdC', 'REI', 'LOCAL'] });
    expect(body?.properties['householdRef']).toMatchObject({ 'x-classification': 'personal' });
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/cases/{caseId}/assessment', '/cases/{caseId}/pact']));
  });

  it('stops every service it started on SIGTERM, and exits 0', async () => {
    hub.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => hub.once('exit', resolve));
    expect(code).toBe(0);
    for (const port of Object.values(ports)) {
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    }
  });
});
