import type { EventStore } from './postgres-event-store.js';

export interface Sealer {
  stop(): Promise<void>;
}

/**
 * Keeps the hash chain close behind the appends: seals every `intervalMs`.
 * Several sealers may run; the store's advisory lock lets one work at a time.
 */
export function startSealer(
  store: Pick<EventStore, 'seal'>,
  { intervalMs = 1000, onError }: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): Sealer {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => store.seal()).catch((error: unknown) => onError?.(error));
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
