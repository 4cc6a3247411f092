import { ConsoleLogger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import express from 'express';
import type { Server, ServerResponse } from 'node:http';
import { documentDoor } from './door.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import { RequestInputInterceptor } from './request-input.interceptor.js';
import { finishOpenApiDocument, OPENAPI_VERSION } from './zod-openapi.js';

export interface HttpAppOptions {
  name: string;
  description: string;
  port: number;
  host?: string;
}

/** JSON-lines logs, one per line on stdout, tagged with the service name. */
export function createServiceLogger(name: string): ConsoleLogger {
  return new ConsoleLogger(name, { json: true, colors: false });
}

/**
 * How long an idle keep-alive connection stays open (advertised to clients as
 * `Keep-Alive: timeout=65`). Node's default of 5 s closes a connection a client
 * pool still holds as soon as the client pauses a few seconds (minting a voucher
 * with a blocking child process is enough), and its next request then fails
 * with "other side closed". 65 s outlasts the pools of undici/fetch, axios and
 * load balancers, whose idle timeouts are shorter.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/**
 * Creates a service's Nest application: problem+json errors, JSON bodies only,
 * well-formed text only, strict routing (`/cases/` is not `/cases`), an OpenAPI
 * 3.1 page at `/docs` (JSON at `/docs-json`), graceful shutdown on SIGTERM/SIGINT,
 * idle keep-alive connections kept {@link KEEP_ALIVE_TIMEOUT_MS}.
 */
export async function createHttpApp(module: Parameters<typeof NestFactory.create>[0], options: HttpAppOptions): Promise<INestApplication> {
  const server = express();
  // Set before anything touches the router, which reads it once when created.
  server.set('strict routing', true);
  const app = await NestFactory.create(module, new ExpressAdapter(server), { logger: createServiceLogger(options.name) });
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalInterceptors(new RequestInputInterceptor());
  app.enableShutdownHooks();
  const http = app.getHttpServer() as Server;
  http.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Must exceed keepAliveTimeout, or a request arriving on an idle connection can be cut off.
  http.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  // Shutting down (the server no longer listens), a response sent closes its connection: Node closes only the
  // connections idle when the server closes, and would wait out the keep-alive timeout of one in flight then.
  http.on('request', (_request, response: ServerResponse) => response.on('finish', () => http.listening || http.closeIdleConnections()));
  SwaggerModule.setup('docs', app, openApiDocument(app, options));
  return app;
}

/** The service's OpenAPI 3.1 document, as served at `/docs-json`. */
export function openApiDocument(app: INestApplication, options: Pick<HttpAppOptions, 'name' | 'description'>): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion(OPENAPI_VERSION)
    .setTitle(`Traiettorie — ${options.name}`)
    .setDescription(options.description)
    .setVersion('0.1.0')
    .build();
  return documentDoor(
    finishOpenApiDocument(
      SwaggerModule.createDocument(app, config, { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` }),
    ),
  );
}

/** Listens on 127.0.0.1 and says where the API and its OpenAPI page are. */
export async function listen(app: INestApplication, options: HttpAppOptions): Promise<string> {
  await app.listen(options.port, options.host ?? '127.0.0.1');
  const url = `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${options.port}`;
  process.stdout.write(`${JSON.stringify({ level: 'log', context: options.name, message: `listening on ${url} (OpenAPI: ${url}/docs)` })}\n`);
  return url;
}

/**
 * Runs a service's start-up; a failure (such as invalid configuration) is
 * printed plainly and exits 1. Under `npm start` (TRAIETTORIE_SUPERVISED=1) the
 * service also stops, as on SIGTERM, when its supervisor goes away, however it
 * went (its stdin closes).
 */
export function runService(name: string, main: () => Promise<unknown>): void {
  if (process.env['TRAIETTORIE_SUPERVISED'] === '1') {
    process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM'));
    process.stdin.on('error', () => process.kill(process.pid, 'SIGTERM'));
    process.stdin.resume();
  }
  main().catch((error: unknown) => {
    process.stderr.write(`${name} failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
