/**
 * The door's variables (README, "Who may call") with values that only need to
 * parse: for tests of a service's configuration that start nothing.
 */
export const unusedDoorEnv = {
  VOUCHER_ISSUER: 'unused',
  VOUCHER_AUDIENCE: 'unused',
  VOUCHER_JWKS_URL: 'http://unused/.well-known/jwks.json',
  TRAIETTORIE_CLIENT_KEYS_FILE: 'unused.json',
} as const;
