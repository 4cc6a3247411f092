import { PGlite } from '@electric-sql/pglite';
import { eventStoreContract } from './event-store.contract.js';
import { hashChainContract } from './hash-chain.contract.js';
import { personalDataContract } from './personal-data.contract.js';
import { createPGlitePool } from './pglite-pool.js';

/** The same contract suites on embedded PGlite (PostgreSQL in WebAssembly, in-process). */
const embedded = async () => {
  const pool = createPGlitePool(await PGlite.create());
  return { pool, drop: () => pool.end() };
};
eventStoreContract('PGlite', embedded);
hashChainContract('PGlite', embedded);
personalDataContract('PGlite', embedded);
