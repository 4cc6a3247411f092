import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

/**
 * Runs the store on embedded PGlite (PostgreSQL in WebAssembly, in-process):
 * the part of `pg.Pool` the store uses — `query`, `connect` / `release` and
 * `end` — over PGlite's single connection. A checked-out client holds the
 * connection until released, so a transaction never interleaves with other
 * queries. Durable subscriptions (their lock lives on a second connection) need a server.
 */
export function createPGlitePool(db: PGlite): pg.Pool {
  let tail: Promise<void> = Promise.resolve();
  const acquire = (): Promise<() => void> => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const previous = tail;
    tail = previous.then(() => held);
    return previous.then(() => release);
  };
  const run = async (text: string, params?: unknown[]) => {
    // Without parameters a migration may hold several statements: the simple protocol runs them all.
    const result = params && params.length > 0 ? await db.query(text, params) : (await db.exec(text)).at(-1);
    const rows = (result?.rows ?? []).map(withBuffers);
    return { rows, rowCount: result?.affectedRows ?? rows.length };
  };
  const pool = {
    async query(text: string, params?: unknown[]) {
      const release = await acquire();
      try {
        return await run(text, params);
      } finally {
        release();
      }
    },
    async connect() {
      const release = await acquire();
      let released = false;
      return {
        query: (text: string, params?: unknown[]) => run(text, params),
        release: () => {
          if (!released) release();
          released = true;
        },
        on: () => undefined,
      };
    },
    async end() {
      await db.close();
    },
    on: () => pool,
  };
  return pool as unknown as pg.Pool;
}

/** PGlite returns bytea as Uint8Array; the store works with Buffers, as pg gives them. */
function withBuffers(row: unknown): unknown {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row as Record<string, unknown>)) {
    out[key] = value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value) : value;
  }
  return out;
}
