import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import spectralCore from '@stoplight/spectral-core';
import spectralParsers from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import { waitFor } from '@traiettorie/testing';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { everyService, hubFetch, startHub, type Hub } from './hub.js';

type Schema = Record<string, unknown>;
interface Media {
  schema?: Schema;
  example?: unknown;
  examples?: Record<string, { summary?: string; value: unknown }>;
}
interface Operation {
  operationId?: string;
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { description: string; headers?: Record<string, unknown>; content?: Record<string, Media> }>;
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** Every service with an API: the five agencies', the deadline watch, the read models and the events door. */
const apis = ['social-services', 'employment-centre', 'health-services', 'third-sector', 'programme', 'deadlines', 'read-models', 'events'] as const;
type Api = (typeof apis)[number];
/** The services whose every GET is called below, for cases the social services' examples make. */
const caseReaders = ['social-services', 'employment-centre', 'read-models'] as const;
/** GETs that read no personal data (reference data, aggregates): no tracking evidence asked. */
const impersonalReads = new Set(['/companies', '/companies/{companyId}', '/operations/{projectCode}']);
/** GETs of the case readers that need more than a case id; each is exercised by its own service's tests. */
const notForACase = new Set(['/companies', '/companies/{companyId}', '/matching/tirocini']);

/** Spectral with its `spectral:oas` ruleset, as `spectral lint` runs it. */
async function lint(document: OpenApiDocument) {
  const spectral = new spectralCore.Spectral();
  spectral.setRuleset(oas as never);
  const results = await spectral.run(new spectralCore.Document(JSON.stringify(document, null, 2), spectralParsers.Json));
  return results.map((r) => ({ severity: r.severity, code: String(r.code), path: r.path.join('.'), message: r.message }));
}

function operationsOf(document: OpenApiDocument) {
  return Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method, operation })));
}

describe('every service publishes a valid OpenAPI document whose examples work', () => {
  let hub: Hub;
  const documents = {} as Record<Api, OpenApiDocument>;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);

  /** Checks a response against the schema its operation documents for that status and media type. */
  function expectDocumented(operation: Operation, status: number, contentType: string | null, body: unknown) {
    const response = operation.responses[String(status)];
    expect(response).toBeDefined();
    const media = contentType?.split(';')[0]?.trim() ?? '';
    const schema = response?.content?.[media]?.schema;
    expect({ status, media, documented: Boolean(schema) }).toEqual({ status, media, documented: true });
    const resolved = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"urn:schemas:')) as Schema;
    const validate = ajv.compile(resolved);
    const valid = validate(body);
    expect({ body, errors: validate.errors ?? [] }).toEqual({ body, errors: [] });
    expect(valid).toBe(true);
  }

  beforeAll(async () => {
    hub = await startHub('openapi', {}, { services: everyService });
    for (const api of apis) {
      documents[api] = (await (await fetch(`${hub.url(api)}/docs-json`)).json()) as OpenApiDocument;
    }
    for (const [name, schema] of Object.entries(documents['social-services'].components.schemas)) {
      ajv.addSchema(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"urn:schemas:')) as Schema, `urn:schemas:${name}`);
    }
  });
  afterAll(() => hub?.stop());

  it.each(apis)('%s: swagger-parser validates the document', async (api) => {
    expect(documents[api].openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(documents[api]) as never)).resolves.toBeDefined();
  });

  it.each(apis)("%s: Spectral's spectral:oas ruleset finds no error", async (api) => {
    const errors = (await lint(documents[api])).filter((r) => r.severity === 0);
    expect(errors).toEqual([]);
  });

  it.each(apis)('%s: no schema carries a keyword outside JSON Schema (the classification is the extension x-classification)', (api) => {
    const text = JSON.stringify(documents[api]);
    expect(text).not.toMatch(/"classification":/);
    expect(text).not.toMatch(/"propertyNames":/);
    expect(text).not.toMatch(/"nullable":/);
  });

  it.each(apis)('%s: every operation but health documents its success body and its problem+json errors', (api) => {
    const document = documents[api];
    expect(document.components.schemas['ProblemDetails']).toMatchObject({ type: 'object', required: expect.arrayContaining(['type', 'title', 'status', 'detail']) });
    for (const { path, method, operation } of operationsOf(document)) {
      if (path === '/health') continue;
      const statuses = Object.keys(operation.responses);
      const success = statuses.find((s) => s.startsWith('2'));
      expect({ path, method, success: success && Boolean(operation.responses[success]?.content?.['application/json']?.schema) }).toEqual({ path, method, success: true });
      const problems = statuses.filter((s) => Number(s) >= 400);
      expect({ path, method, problems: problems.length > 0 }).toEqual({ path, method, problems: true });
      for (const status of problems) {
        expect({ path, method, status, content: operation.responses[status]?.content }).toEqual({
          path,
          method,
          status,
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
        });
      }
      if (operation.requestBody) {
        // A command is refused 403 when its caller may not emit the event, or acts for another Ambito than the case's.
        expect({ path, method, problems }).toEqual({ path, method, problems: expect.arrayContaining(['400', '403', '415', '422']) });
        // JSON for commands; the CloudEvents media types for POST /events.
        const media = operation.requestBody.content['application/json'] ?? Object.values(operation.requestBody.content)[0];
        expect({ path, method, examples: Object.keys(media?.examples ?? {}).length > 0 }).toEqual({ path, method, examples: true });
      }
    }
  });

  it.each(apis)('%s: every operation but health requires the voucher scheme and documents its 401; personal-data reads document the tracking evidence header', (api) => {
    const document = documents[api] as OpenApiDocument & { security?: unknown; components: { securitySchemes?: Record<string, unknown> } };
    expect(document.components.securitySchemes?.['voucher']).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(document.security).toEqual([{ voucher: [] }]);
    for (const { path, method, operation } of operationsOf(document)) {
      const op = operation as Operation & { security?: unknown[] };
      if (path === '/health') {
        expect(op.security).toEqual([]);
        continue;
      }
      expect({ path, method, documents401: Boolean(op.responses['401']) }).toEqual({ path, method, documents401: true });
      if (method === 'get') {
        expect({ path, headers: op.parameters?.filter((p) => p.in === 'header').map((p) => p.name) ?? [] }).toEqual({
          path,
          headers: impersonalReads.has(path) ? [] : ['Agid-JWT-TrackingEvidence'],
        });
      }
    }
  });

  it('the 201 answers document their ETag and Location headers', () => {
    const open = documents['social-services'].paths['/cases']?.['post'];
    expect(Object.keys(open?.responses['201']?.headers ?? {})).toEqual(expect.arrayContaining(['ETag', 'Location']));
    for (const path of ['/cases/{caseId}/assessment', '/cases/{caseId}/pact', '/cases/{caseId}/closure']) {
      expect(Object.keys(documents['social-services'].paths[path]?.['post']?.responses['201']?.headers ?? {})).toContain('ETag');
    }
  });

  it("the assessment's dimension scores are documented with their real keys, so Swagger UI's own example is valid", () => {
    const body = documents['social-services'].paths['/cases/{caseId}/assessment']?.['post']?.requestBody?.content['application/json']?.schema as {
      properties: Record<string, { properties?: Record<string, unknown>; additionalProperties?: unknown; 'x-classification'?: string }>;
    };
    const scores = body.properties['dimensionScores'];
    expect(Object.keys(scores?.properties ?? {})).toEqual(['work', 'income', 'housing', 'health', 'education', 'family', 'social-network']);
    expect(scores?.additionalProperties).toBe(false);
    expect(scores?.['x-classification']).toBe('special-category');
  });

  it('every documented request example succeeds when sent, twice, as a Swagger UI user would send it; answers match the documented responses', async () => {
    const document = documents['social-services'];
    const withExamples = operationsOf(document).filter(({ operation }) => operation.requestBody);
    // Every operation with a body is exercised below; a new one must be added here.
    // The social services list their routes in the pathway's order, so each example fits the ones sent before it.
    expect(withExamples.map(({ method, path }) => `${method} ${path}`)).toEqual([
      'post /cases',
      ...[
        'referral',
        'first-appointment',
        'taking-in-charge',
        'preliminary-analysis',
        'eemm',
        'assessment',
        'pact',
        'pact-revisions',
        'supports',
        'puc-assignments',
        'puc-attendance',
        'periodic-checks',
        'conditionality-breaches',
        'conditionality',
        'closure',
      ].map((route) => `post /cases/{caseId}/${route}`),
    ]);
    const examplesOf = (operation: Operation) => Object.values(operation.requestBody?.content['application/json']?.examples ?? {}).map((e) => e.value);
    const send = async (path: string, body: unknown) => {
      const response = await hubFetch(`${hub.url('social-services')}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
    };

    const [open, ...onCase] = withExamples;
    const caseIds: string[] = [];
    const eventIds: string[] = [];
    for (const example of examplesOf(open!.operation)) {
      for (const click of [1, 2]) {
        const answer = await send('/cases', example);
        expect({ click, status: answer.status, body: answer.body }).toMatchObject({ click, status: 201 });
        expect(answer.headers.get('etag')).toBe('"1"');
        expect(answer.headers.get('location')).toBe(`/cases/${String(answer.body['caseId'])}`);
        expectDocumented(open!.operation, 201, answer.headers.get('content-type'), answer.body);
        caseIds.push(answer.body['caseId'] as string);
      }
    }
    expect(new Set(caseIds).size).toBe(caseIds.length);
    // Each case takes each command's examples once (a second assessment of the same case is a domain error).
    for (const caseId of caseIds) {
      for (const { path, operation } of onCase) {
        for (const example of examplesOf(operation)) {
          const answer = await send(path.replace('{caseId}', caseId), example);
          expect({ path, status: answer.status, body: answer.body }).toMatchObject({ path, status: 201 });
          expect(answer.headers.get('etag')).toMatch(/^"\d+"$/);
          expectDocumented(operation, 201, answer.headers.get('content-type'), answer.body);
          eventIds.push(...(answer.body['events'] as { id: string }[]).map((e) => e.id));
        }
      }
    }

    // Every GET of a case documented by the three case readers answers as documented, for the cases just made.
    const caseId = caseIds[0]!;
    const lastEventId = eventIds[onCase.length - 1]!;
    await waitFor(
      async () => (await hubFetch(`${hub.url('employment-centre')}/referrals/${caseId}`)).status,
      (status) => status === 200,
      { what: 'the employment centre to take in the referral', timeoutMs: 60_000 },
    );
    for (const api of caseReaders) {
      for (const { path, method, operation } of operationsOf(documents[api])) {
        if (method !== 'get' || path === '/health' || notForACase.has(path)) continue;
        const query = api === 'read-models' && path.startsWith('/cases/{caseId}') ? `?waitFor=${lastEventId}&timeout=30` : '';
        const response = await hubFetch(`${hub.url(api)}${path.replace('{caseId}', caseId)}${query}`);
        const body = (await response.json()) as unknown;
        expect({ api, path, status: response.status, body }).toMatchObject({ api, path, status: 200 });
        expectDocumented(operation, 200, response.headers.get('content-type'), body);
      }
    }
  });

  it('the problems the services answer match the documented ProblemDetails schema', async () => {
    const document = documents['social-services'];
    const open = document.paths['/cases']?.['post'];
    const answers = [
      await hubFetch(`${hub.url('social-services')}/cases`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"measure":' }),
      await hubFetch(`${hub.url('social-services')}/cases`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' }),
      await hubFetch(`${hub.url('social-services')}/cases`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"measure":"XYZ"}' }),
      await fetch(`${hub.url('social-services')}/cases`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"measure":"ADI"}' }),
    ];
    for (const answer of answers) {
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expectDocumented(open!, answer.status, answer.headers.get('content-type'), await answer.json());
    }
    expect(answers.map((a) => a.status)).toEqual([400, 415, 422, 401]);
  });
});
