import { TraiettorieError } from '@traiettorie/contracts';
import pRetry from 'p-retry';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** The first retry waits between half this and this; each next one twice as long. */
  initialBackoffMs: number;
  /** Aborts the wait between attempts (the consumer is stopping). */
  signal: AbortSignal;
  /** Whether to try again at all (false while stopping). */
  mayRetry(): boolean;
  /** Before each attempt after the first (the consumer's heartbeat). */
  beforeRetry(): Promise<void>;
  onRetry(error: unknown, attempt: number): void;
}

/** A handler's failure after its last attempt: the error it threw and how many attempts it had. */
export class HandlerGaveUp extends Error {
  constructor(
    readonly error: unknown,
    readonly attempts: number,
  ) {
    super(error instanceof Error ? error.message : String(error), { cause: error });
    this.name = 'HandlerGaveUp';
  }
}

/**
 * Runs a handler with jittered exponential backoff (p-retry): a domain error
 * that cannot succeed on retry (`retriable: false`) is not retried. Rejects
 * with `HandlerGaveUp` once it stops trying.
 */
export async function withRetries<T>(handler: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  let attempts = 0;
  try {
    return await pRetry(
      async (attempt) => {
        attempts = attempt;
        if (attempt > 1) await policy.beforeRetry();
        try {
          return await handler();
        } catch (error) {
          // p-retry never retries a TypeError (a bug, it assumes); a handler's failure is retried whatever its class.
          throw new Failure(error);
        }
      },
      {
        retries: policy.maxAttempts - 1,
        factor: 2,
        minTimeout: policy.initialBackoffMs / 2,
        randomize: true,
        signal: policy.signal,
        shouldRetry: ({ error }) => policy.mayRetry() && retriable(unwrap(error)),
        onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
          if (retriesLeft > 0 && policy.mayRetry() && retriable(unwrap(error))) policy.onRetry(unwrap(error), attemptNumber);
        },
      },
    );
  } catch (error) {
    throw new HandlerGaveUp(unwrap(error), attempts);
  }
}

class Failure extends Error {
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
  }
}

const unwrap = (error: unknown) => (error instanceof Failure ? error.original : error);
const retriable = (error: unknown) => !(error instanceof TraiettorieError && !error.retriable);
