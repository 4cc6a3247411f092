export { CLIENT_ASSERTION_TYPE, createAuthority, type AuthorityOptions } from './authority.js';
export { digestOf, requestVoucher, signClientAssertion, signTrackingEvidence, type Operator, type Voucher, type VoucherRequest } from './client.js';
export { loadClientKeys, loadClients, loadSigningKeys, pemOf, type SigningKey } from './keys.js';
