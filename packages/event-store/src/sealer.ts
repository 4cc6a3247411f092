import type { ChainHead, EventStore, SealOptions, SealRefusal, SealResult } from './event-store.js';

export interface SealerState {
  /** `sealing`: the chain follows the log; `refused`: it stopped at a forged or altered row or chain entry; `failing`: sealing throws (database down…). */
  sealing: 'starting' | 'sealing' | 'refused' | 'failing';
  head: ChainHead | null;
  refused?: SealRefusal;
  error?: string;
  lastSealAt?: string;
}

export interface Sealer {
  state(): SealerState;
  stop(): Promise<void>;
}

export interface SealerOptions {
  intervalMs?: number;
  /** An entry known to be sealed (the last signed checkpoint): the sealer refuses to extend a chain that lost it. */
  anchor?: { seq: number; hash: string };
  onError?: (error: unknown) => void;
  /** Called at each refusal (every interval while it lasts). */
  onRefused?: (refusal: SealRefusal) => void;
  /** Called after each seal that did not throw. */
  onSealed?: (result: SealResult) => void | Promise<void>;
}

/**
 * Keeps the chain close behind the appends: seals every `intervalMs`. Several
 * sealers may run; the store's advisory lock lets one work at a time. It
 * remembers the newest head it saw (starting from `anchor`) and refuses to
 * seal over a chain that no longer holds it: a chain cut back is never
 * silently re-sealed.
 */
export function startSealer(store: Pick<EventStore, 'seal'>, options: SealerOptions = {}): Sealer {
  const { intervalMs = 1000, onError, onRefused, onSealed } = options;
  let known: SealOptions['expect'] = options.anchor;
  let state: SealerState = { sealing: 'starting', head: null };
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    try {
      const result = await store.seal(known ? { expect: known } : {});
      const at = new Date().toISOString();
      if (result.head && (!known || result.head.seq >= known.seq) && !result.refused) known = { seq: result.head.seq, hash: result.head.hash };
      else if (result.head && result.refused && result.sealed > 0) known = { seq: result.head.seq, hash: result.head.hash };
      state = result.refused
        ? { sealing: 'refused', head: result.head, refused: result.refused, lastSealAt: at }
        : { sealing: 'sealing', head: result.head, lastSealAt: at };
      if (result.refused) onRefused?.(result.refused);
      await onSealed?.(result);
    } catch (error) {
      state = { ...state, sealing: 'failing', error: error instanceof Error ? error.message : String(error) };
      onError?.(error);
    }
  };
  const timer = setInterval(() => {
    running = running.then(tick);
  }, intervalMs);
  return {
    state: () => state,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
