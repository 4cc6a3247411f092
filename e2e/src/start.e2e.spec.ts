import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, requireEnv, uniqueName, waitFor, type TestDatabase } from '@traiettorie/testing';
import { alive, hubPorts, npmStart, servicePids, type NpmStart, type PortVariable } from './npm-start.js';

/** The quick start's first command, `npm start`, run as a user runs it (npm's process is the one signalled). */
describe('npm start', () => {
  let db: TestDatabase;
  let hub: NpmStart;
  let output = '';
  let ports: Record<PortVariable, number>;

  beforeAll(async () => {
    db = await createTestDatabase('start');
    ports = await hubPorts();
    hub = npmStart({
      DATABASE_URL: db.url,
      KAFKA_BROKERS: requireEnv('KAFKA_BROKERS'),
      // Fresh topics: the first start on a broker, when consumers join topics being created.
      KAFKA_TOPIC_PREFIX: uniqueName('start'),
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    });
    await hub.up();
    output = hub.output();
  });
  afterAll(async () => {
    await hub.stop('SIGKILL');
    await db.drop();
  });

  it('starts every service once: none crashes on topics that are still being created', () => {
    expect(output).not.toMatch(/exited|restarting|does not host this topic-partition/);
  });

  it('prints where each API and its OpenAPI page are, and every address answers', async () => {
    for (const [name, port] of [
      ['social-services', ports.SOCIAL_SERVICES_PORT],
      ['employment-centre', ports.EMPLOYMENT_CENTRE_PORT],
      ['read-models', ports.READ_MODELS_PORT],
    ] as const) {
      expect(output).toContain(`${name}`);
      expect(output).toContain(`OpenAPI: http://127.0.0.1:${port}/docs`);
      expect((await fetch(`http://127.0.0.1:${port}/docs`)).status).toBe(200);
    }
    expect((await fetch(`http://127.0.0.1:${ports.RELAY_PORT}/health`)).status).toBe(200);
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

  it('stops every service it started when npm gets SIGTERM, and exits 0', async () => {
    const pids = await servicePids(ports);
    expect(await hub.stop('SIGTERM')).toBe(0);
    await waitFor(() => pids.filter(alive), (left) => left.length === 0, { what: 'every service process to exit', timeoutMs: 30_000 });
    for (const port of Object.values(ports)) {
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    }
  });
});
