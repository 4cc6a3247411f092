import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StoreName } from './config.js';
import type { Command, Reply } from './protocol.js';

const RUNNER = fileURLToPath(new URL('./runner.js', import.meta.url));

/** A store's child process (runner.js), driven one command at a time. */
export class StoreProcess {
  private readonly child: ChildProcess;
  private pending: ((reply: Reply) => void) | undefined;
  private alive = true;
  readonly exited: Promise<void>;

  constructor(
    readonly store: StoreName,
    urls: { append: string; log: string },
  ) {
    this.child = fork(RUNNER, [store, urls.append, urls.log], { stdio: 'inherit' });
    this.child.on('message', (reply: Reply) => this.settle(reply));
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => {
        this.alive = false;
        this.settle({ ok: false, error: `the ${store} process exited (${signal ?? `code ${code}`})` });
        resolve();
      }),
    );
  }

  run(command: Command): Promise<Reply> {
    if (!this.alive) return Promise.resolve({ ok: false, error: `the ${this.store} process is gone` });
    return new Promise((resolve) => {
      this.pending = resolve;
      this.child.send(command);
    });
  }

  /** Closes the store's pools, then lets the process exit (killed after 15 s). */
  async stop(): Promise<void> {
    if (!this.alive) return;
    await this.run({ kind: 'close' });
    if (this.child.connected) this.child.disconnect();
    const timer = setTimeout(() => this.kill(), 15_000);
    await this.exited;
    clearTimeout(timer);
  }

  kill(): void {
    if (this.alive) this.child.kill('SIGTERM');
  }

  private settle(reply: Reply): void {
    const resolve = this.pending;
    this.pending = undefined;
    resolve?.(reply);
  }
}
