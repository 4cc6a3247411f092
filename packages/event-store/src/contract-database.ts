import type pg from 'pg';

/** A fresh, empty database for one contract suite run, on whichever backend. */
export interface StoreDatabase {
  pool: pg.Pool;
  drop(): Promise<void>;
}
