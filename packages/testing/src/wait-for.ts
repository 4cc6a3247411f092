import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `probe` until `until(value)` holds, then returns the value. On timeout
 * it throws with the last value seen, so a failing test shows what it waited on.
 */
export async function waitFor<T>(
  probe: () => Promise<T> | T,
  until: (value: T) => boolean = Boolean,
  { timeoutMs = 30_000, intervalMs = 100, what = 'condition' }: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (until(last)) return last;
    } catch (error) {
      lastError = error;
    }
    await sleep(intervalMs);
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(last)}${lastError ? `; last error: ${String(lastError)}` : ''}`,
  );
}
