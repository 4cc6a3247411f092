import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiResponse, type OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';

/** The OpenAPI version of every service's document: 3.1 uses JSON Schema 2020-12, which zod emits. */
export const OPENAPI_VERSION = '3.1.0';

type JsonSchema = Record<string, unknown>;
type Io = 'input' | 'output';

/** A request or response example as Swagger UI offers it. */
export interface ApiExample {
  summary: string;
  description?: string;
  value: unknown;
}

/** A zod schema as an OpenAPI 3.1 Schema Object: JSON Schema 2020-12 with the hub's keywords made `x-` extensions. */
export function openApiSchema(schema: z.ZodType, io: Io = 'input'): JsonSchema {
  const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return normaliseSchema(jsonSchema);
}

/**
 * Documents a request body from the same zod schema that validates it, with
 * examples a Swagger UI user can send as they are (each must succeed, also twice).
 */
export function ApiZodBody(schema: z.ZodType, options: { description?: string; examples?: Record<string, ApiExample> } = {}): MethodDecorator {
  return ApiBody({
    schema: openApiSchema(schema, 'input') as never,
    required: true,
    ...(options.description ? { description: options.description } : {}),
    ...(options.examples ? { examples: options.examples } : {}),
  });
}

/** Documents a JSON response body (and its headers) from a zod schema. */
export function ApiZodResponse(
  status: number,
  schema: z.ZodType,
  options: { description: string; headers?: Record<string, { description: string; schema?: JsonSchema }>; example?: unknown },
): MethodDecorator & ClassDecorator {
  return ApiResponse({
    status,
    description: options.description,
    content: {
      'application/json': { schema: openApiSchema(schema, 'output') as never, ...(options.example === undefined ? {} : { example: options.example }) },
    },
    ...(options.headers
      ? { headers: Object.fromEntries(Object.entries(options.headers).map(([name, h]) => [name, { description: h.description, schema: (h.schema ?? { type: 'string' }) as never }])) }
      : {}),
  });
}

/** What each problem status means in the hub; an operation lists the ones it can answer. */
const problemDescriptions: Record<number, string> = {
  400: 'The body is not JSON (type `urn:traiettorie:problem:malformed-request`); nothing of the body is echoed',
  403: 'The caller may not do this (type `urn:traiettorie:problem:forbidden`): `rule` names the rule, e.g. `ambito-not-yours`, `emitter-not-allowed`, `provider-not-yours`; nothing of the request is echoed',
  404: 'No such resource (type `urn:traiettorie:problem:not-found`, or `about:blank` for an unknown route)',
  409: "The resource's state does not allow this (`urn:traiettorie:problem:illegal-state`), or it changed since you read it (`urn:traiettorie:problem:concurrency`, with `expectedVersion` and `actualVersion`)",
  415: 'The body is not `application/json` (type `urn:traiettorie:problem:unsupported-media-type`, with `accepted`)',
  422: 'A field breaks the contract (type `urn:traiettorie:problem:validation`): `errors` names each path and rule; string values are never echoed',
  504: 'The read model did not apply the awaited event in time (type `urn:traiettorie:problem:not-yet-applied`); try again',
};

/** Documents `application/problem+json` answers with the given statuses. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: problemDescriptions[status] ?? 'A problem',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
      }),
    ),
  );
}

/** RFC 9457 problem details as the hub sends them (see ProblemDetailsFilter). */
export const problemDetailsSchema = z
  .looseObject({
    type: z.string().describe('a URI naming the kind of problem: `urn:traiettorie:problem:…` or `about:blank`'),
    title: z.string().describe('a short summary, the same for every occurrence of the type'),
    status: z.int().min(400).max(599),
    detail: z.string().describe('what went wrong here, without echoing the request'),
    instance: z.string().optional().describe("the request's path"),
    errors: z
      .array(
        z.strictObject({
          path: z.string().describe('where, e.g. `objectives.0.code` (empty for the whole body)'),
          rule: z.string().describe('which rule, e.g. `enum`, `format:date`, `not-fiscal-code`, `no-control-characters`'),
          message: z.string(),
          expected: z.string().optional(),
          received: z.string().optional().describe('what kind of value was sent (type, length), never the value of a string'),
        }),
      )
      .optional()
      .describe('422 only: one item per broken rule'),
    expectedVersion: z.union([z.int(), z.string()]).optional().describe('409 concurrency only'),
    actualVersion: z.int().optional().describe('409 concurrency only'),
    accepted: z.array(z.string()).optional().describe('415 only: the media types accepted'),
    rule: z.string().optional().describe('401 and 403: the rule that refused the request, e.g. `voucher-expired`'),
  })
  .meta({
    examples: [
      {
        type: 'urn:traiettorie:problem:validation',
        title: 'The request breaks the contract',
        status: 422,
        detail: 'invalid request body: measure: Invalid option [enum]',
        instance: '/cases',
        errors: [{ path: 'measure', rule: 'enum', message: 'Invalid option', expected: '"ADI" | "SFL" | "RdC" | "REI" | "LOCAL"', received: 'string of length 3' }],
      },
    ],
  });

/**
 * Finishes a document @nestjs/swagger generated: OpenAPI 3.1, the shared
 * ProblemDetails schema, and every schema made valid for 3.1 and friendly to
 * Swagger UI (see normaliseSchema). Safe to run twice.
 */
export function finishOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  document.openapi = OPENAPI_VERSION;
  const components = (document.components ??= {});
  const schemas = (components.schemas ??= {}) as Record<string, JsonSchema>;
  schemas['ProblemDetails'] = openApiSchema(problemDetailsSchema, 'output');
  for (const [name, schema] of Object.entries(schemas)) schemas[name] = normaliseSchema(schema);
  const tags = new Set((document.tags ?? []).map((t) => t.name));
  for (const pathItem of Object.values(document.paths ?? {}) as Record<string, unknown>[]) {
    for (const operation of Object.values(pathItem)) {
      if (!operation || typeof operation !== 'object') continue;
      const op = operation as {
        tags?: string[];
        parameters?: { schema?: JsonSchema }[];
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
        responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }>; headers?: Record<string, { schema?: JsonSchema }> }>;
      };
      for (const tag of op.tags ?? []) tags.add(tag);
      for (const parameter of op.parameters ?? []) if (parameter.schema) parameter.schema = normaliseSchema(parameter.schema);
      for (const media of Object.values(op.requestBody?.content ?? {})) if (media.schema) media.schema = normaliseSchema(media.schema);
      for (const response of Object.values(op.responses ?? {})) {
        for (const media of Object.values(response.content ?? {})) if (media.schema) media.schema = normaliseSchema(media.schema);
        for (const header of Object.values(response.headers ?? {})) if (header.schema) header.schema = normaliseSchema(header.schema);
      }
    }
  }
  // Declared once at the top, as Swagger UI and linters expect.
  document.tags = [...tags].sort().map((name) => document.tags?.find((t) => t.name === name) ?? { name });
  return document;
}

const schemaMaps = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'] as const;
const schemaArrays = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
const schemaSingles = ['items', 'additionalProperties', 'propertyNames', 'not', 'if', 'then', 'else', 'contains', 'unevaluatedItems', 'unevaluatedProperties'] as const;

/**
 * Makes one JSON Schema a valid OpenAPI 3.1 Schema Object that Swagger UI
 * renders and exemplifies well, returning a new object:
 * - the contracts' `classification` keyword (data protection: none, personal,
 *   special-category) becomes the extension `x-classification`;
 * - a record whose keys are an enumeration (`propertyNames: {enum}` with
 *   `additionalProperties`) becomes those `properties` with no others, which is
 *   the same constraint, and Swagger UI's generated example then uses real keys;
 * - OpenAPI 3.0's `nullable` becomes a `null` type; `$schema` is dropped.
 */
export function normaliseSchema(schema: JsonSchema): JsonSchema {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$schema') continue;
    if (key === 'classification') {
      if (!('x-classification' in schema)) out['x-classification'] = value;
      continue;
    }
    if ((schemaMaps as readonly string[]).includes(key) && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, JsonSchema>).map(([k, v]) => [k, normaliseSchema(v)]));
    } else if ((schemaArrays as readonly string[]).includes(key) && Array.isArray(value)) {
      out[key] = value.map((v: JsonSchema) => normaliseSchema(v));
    } else if ((schemaSingles as readonly string[]).includes(key) && value && typeof value === 'object') {
      out[key] = normaliseSchema(value as JsonSchema);
    } else {
      out[key] = value;
    }
  }
  if (out['nullable'] === true) {
    delete out['nullable'];
    if (typeof out['type'] === 'string') out['type'] = [out['type'], 'null'];
    else if (Array.isArray(out['type']) && !out['type'].includes('null')) out['type'] = [...(out['type'] as string[]), 'null'];
  } else if (out['nullable'] === false) {
    delete out['nullable'];
  }
  const keys = out['propertyNames'] as JsonSchema | undefined;
  // Keys are strings in JSON anyway: `propertyNames: {type: string}` says nothing.
  if (keys && Object.keys(keys).length === 1 && keys['type'] === 'string') delete out['propertyNames'];
  if (keys && Array.isArray(keys['enum']) && !out['properties'] && !out['patternProperties']) {
    const valueSchema = out['additionalProperties'];
    const itemSchema = valueSchema && typeof valueSchema === 'object' ? valueSchema : {};
    out['properties'] = Object.fromEntries((keys['enum'] as string[]).map((k) => [k, itemSchema]));
    out['additionalProperties'] = false;
    delete out['propertyNames'];
  }
  return out;
}
