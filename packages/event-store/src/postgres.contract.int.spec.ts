import { createTestDatabase } from '@traiettorie/testing';
import { eventStoreContract } from './event-store.contract.js';
import { hashChainContract } from './hash-chain.contract.js';
import { personalDataContract } from './personal-data.contract.js';

/** The store's contract suites on a real PostgreSQL server. */
const server = () => createTestDatabase('store_contract');
eventStoreContract('PostgreSQL', server);
hashChainContract('PostgreSQL', server);
personalDataContract('PostgreSQL', server);
