import { spawn, type ChildProcess } from 'node:child_process';
import { waitFor } from './wait-for.js';

export interface ServiceProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** Everything the process printed, for assertions and failure messages. */
  output(): string;
  /** Kills the process at once (SIGKILL): a crash, not a shutdown. */
  crash(): Promise<void>;
  /** Asks the process to shut down (SIGTERM) and waits until it exited. */
  stop(): Promise<void>;
}

/**
 * Starts a service the way `npm start` does (`node dist/main.js` with its
 * environment) and waits until `GET <url>/health` answers 200.
 */
export async function startServiceProcess(options: {
  name: string;
  script: string;
  port: number;
  env: Record<string, string>;
  readyTimeoutMs?: number;
}): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--enable-source-maps', options.script], {
    env: { ...process.env, ...options.env, PORT: String(options.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const isRunning = () => child.exitCode === null && child.signalCode === null;
  const url = `http://127.0.0.1:${options.port}`;
  const service: ServiceProcess = {
    name: options.name,
    url,
    child,
    output: () => output,
    async crash() {
      if (isRunning()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (isRunning()) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
  try {
    await waitFor(
      async () => {
        if (!isRunning()) throw new Error(`exited with ${child.exitCode ?? child.signalCode}`);
        return (await fetch(`${url}/health`)).status;
      },
      (status) => status === 200,
      { timeoutMs: options.readyTimeoutMs ?? 60_000, intervalMs: 200, what: `${options.name} to be healthy` },
    );
  } catch (error) {
    await service.crash();
    throw new Error(`${options.name} did not start: ${(error as Error).message}\n--- output ---\n${output.slice(-5000)}`);
  }
  return service;
}
