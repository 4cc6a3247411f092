import { freePort, waitFor } from '@traiettorie/testing';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { servicePorts, type PortVariable } from '../../infra/ports.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type { PortVariable };
export const portVariables = servicePorts.map((s) => s.variable);

/** Free ports for every service, as the README's `*_PORT` variables. */
export async function hubPorts(): Promise<Record<PortVariable, number>> {
  const ports = {} as Record<PortVariable, number>;
  for (const name of portVariables) ports[name] = await freePort();
  return ports;
}

/**
 * `npm start` exactly as a user runs it, from the repository's root: the
 * process the test holds (and signals) is npm's, not the script's.
 */
export interface NpmStart {
  process: ChildProcess;
  output(): string;
  /** Resolves once it printed "Traiettorie is up."; rejects, with its output, if it exits first. */
  up(timeoutMs?: number): Promise<void>;
  /** Resolves with npm's exit code. */
  exited(): Promise<number | null>;
  /** Sends a signal to npm and waits for it to exit; SIGKILL after the grace period. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<number | null>;
}

export function npmStart(env: Record<string, string | undefined>): NpmStart {
  const merged: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...env })) if (value !== undefined) merged[key] = value;
  const child = spawn('npm', ['start'], { cwd: root, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    process: child,
    output: () => output,
    async up(timeoutMs = 150_000) {
      await waitFor(
        () => {
          if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${output.slice(-4000)}`);
          return output;
        },
        (o) => o.includes('Traiettorie is up.'),
        { what: 'npm start to say the hub is up', timeoutMs, intervalMs: 250 },
      );
    },
    exited: () => exit,
    async stop(signal = 'SIGTERM', graceMs = 60_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exit;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exit;
      clearTimeout(timer);
      return code;
    },
  };
}

/** True while a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid each service reports in its health output. */
export async function servicePids(ports: Record<PortVariable, number>): Promise<number[]> {
  const pids: number[] = [];
  for (const name of portVariables) {
    const health = (await (await fetch(`http://127.0.0.1:${ports[name]}/health`)).json()) as { pid: number };
    pids.push(health.pid);
  }
  return pids;
}

/**
 * The headers `npm run -s token -- --client <clientId> [--operator <userID>]`
 * prints against the authority of an `npm start` on these ports, as a header map.
 */
export async function tokenHeaders(ports: Record<PortVariable, number>, clientId: string, operator?: string): Promise<Record<string, string>> {
  const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'token', '--', '--client', clientId, ...(operator ? ['--operator', operator] : [])], {
    cwd: root,
    env: { ...process.env, AUTHORITY_URL: `http://127.0.0.1:${ports.AUTHORITY_PORT}` },
  });
  return Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  ) as Record<string, string>;
}
