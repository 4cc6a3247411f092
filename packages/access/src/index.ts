export type { Caller, ClientKind, ClientRegistration, Decision } from './identity.js';
export { demoClients } from './demo-clients.js';
