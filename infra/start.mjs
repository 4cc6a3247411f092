#!/usr/bin/env node
/**
 * `npm start`: brings the whole hub up on this machine.
 * PostgreSQL and Kafka come from DATABASE_URL / KAFKA_BROKERS when given,
 * otherwise from local servers, otherwise they are installed/started here
 * (see infra/local). Then the four services start as separate processes,
 * restarted if they die; Ctrl-C stops everything this script started.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createLog, ensureLocalInfra, killOnExit, stopChild } from './local/index.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = createLog('traiettorie');

const services = [
  { name: 'relay', port: Number(process.env.RELAY_PORT ?? 3009), api: false },
  { name: 'social-services', port: Number(process.env.SOCIAL_SERVICES_PORT ?? 3001), api: true },
  { name: 'employment-centre', port: Number(process.env.EMPLOYMENT_CENTRE_PORT ?? 3002), api: true },
  { name: 'read-models', port: Number(process.env.READ_MODELS_PORT ?? 3003), api: true },
];

const started = [];
const children = new Map();
let stopping = false;

async function ensureDatabase(serverUrl) {
  if (process.env.DATABASE_URL) return serverUrl;
  const url = new URL(serverUrl);
  url.pathname = '/traiettorie';
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = 'traiettorie'");
    if (rowCount === 0) {
      await client.query('CREATE DATABASE traiettorie');
      log('PostgreSQL: created database traiettorie');
    }
  } finally {
    await client.end();
  }
  return url.toString();
}

function startService(service, env) {
  const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'services', service.name, 'dist', 'main.js')], {
    env: { ...process.env, ...env, PORT: String(service.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killOnExit(child);
  const prefix = `[${service.name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) process.stdout.write(prefix + line + '\n');
    });
  }
  child.on('exit', (code, signal) => {
    if (stopping) return;
    const now = Date.now();
    service.crashes = [...(service.crashes ?? []).filter((t) => now - t < 60_000), now];
    if (service.crashes.length >= 5) {
      log(`${service.name} exited ${service.crashes.length} times within a minute (last: ${code ?? signal}); giving up`);
      void shutdown(1);
      return;
    }
    log(`${service.name} exited (${code ?? signal}); restarting in 2 s`);
    setTimeout(() => !stopping && children.set(service.name, startService(service, env)), 2000);
  });
  return child;
}

async function waitHealthy(service, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${service.port}/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${service.name} did not become healthy on port ${service.port} within ${timeoutMs / 1000}s`);
}

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await Promise.all([...children.values()].map((child) => stopChild(child, 15_000)));
  for (const resource of started.reverse()) await resource.stop();
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  const { postgres, kafka } = await ensureLocalInfra({ log });
  started.push(postgres, kafka);
  const databaseUrl = await ensureDatabase(postgres.url);
  const env = { DATABASE_URL: databaseUrl, KAFKA_BROKERS: kafka.brokers };
  for (const service of services) children.set(service.name, startService(service, env));
  await Promise.all(services.map((service) => waitHealthy(service)));
  const lines = services.map((s) =>
    s.api
      ? `  ${s.name.padEnd(18)} http://127.0.0.1:${s.port}   OpenAPI: http://127.0.0.1:${s.port}/docs`
      : `  ${s.name.padEnd(18)} http://127.0.0.1:${s.port}/health (publishes the event store to Kafka)`,
  );
  process.stdout.write(
    `\nTraiettorie is up.\n${lines.join('\n')}\n  PostgreSQL         ${databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}\n  Kafka              ${kafka.brokers}\nCtrl-C stops everything started here.\n\n`,
  );
} catch (error) {
  log(`could not start: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}
