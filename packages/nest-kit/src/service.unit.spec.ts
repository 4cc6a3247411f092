import { describe, expect, test } from '@jest/globals';
import { consumerOf } from '@traiettorie/contracts';
import { ManualClock } from './clock.js';
import { loadServiceConfig } from './service.js';

const agency = { name: 'example', description: 'an agency', defaultPort: 3999, agency: { kind: 'third-sector', defaultId: 'coop-esempio' } } as const;
const consumer = { ...agency, consumes: consumerOf('employment-centre') };
const door = {
  VOUCHER_ISSUER: 'http://127.0.0.1:3010',
  VOUCHER_AUDIENCE: 'traiettorie',
  VOUCHER_JWKS_URL: 'http://127.0.0.1:3010/.well-known/jwks.json',
  TRAIETTORIE_CLIENT_KEYS_FILE: 'clients.json',
};
const env = { DATABASE_URL: 'postgres://example', ...door };

describe('a service’s configuration, from its definition', () => {
  test('when only the database is given › the agency starts on its default port under its default agency id', () => {
    expect(loadServiceConfig(agency, env)).toEqual({
      PORT: 3999,
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://example',
      AGENCY_ID: 'coop-esempio',
      ...door,
      VOUCHER_CLOCK_TOLERANCE_SECONDS: 30,
    });
  });

  test('when the database URL is missing › start fails naming the variable', () => {
    expect(() => loadServiceConfig(agency, {})).toThrow(/DATABASE_URL: required/);
  });

  test('when the door’s variables are missing › start fails naming each', () => {
    expect(() => loadServiceConfig(agency, { DATABASE_URL: 'postgres://example' })).toThrow(
      /VOUCHER_ISSUER: required[\s\S]*VOUCHER_AUDIENCE: required[\s\S]*VOUCHER_JWKS_URL: required[\s\S]*TRAIETTORIE_CLIENT_KEYS_FILE: required/,
    );
  });

  test('when the service consumes events › Kafka’s variables are required and its group defaults to its registry entry’s', () => {
    expect(() => loadServiceConfig(consumer, env)).toThrow(/KAFKA_BROKERS: required/);
    const config = loadServiceConfig(consumer, { ...env, KAFKA_BROKERS: 'k:9092', RELAY_PUBLIC_KEYS: 'relay.pem' });
    expect(config.KAFKA_GROUP_ID).toBe('employment-centre');
  });

  test('when AGENCY_ID is not a lowercase slug › start fails naming it', () => {
    expect(() => loadServiceConfig(agency, { ...env, AGENCY_ID: 'Coop Esempio' })).toThrow(/AGENCY_ID/);
  });
});

describe('the manual clock tests use', () => {
  test('when a test advances it › it reads the moved time, and stands still otherwise', () => {
    const clock = new ManualClock('2026-10-21T09:00:00Z');

    expect(clock.now().toISOString()).toBe('2026-10-21T09:00:00.000Z');
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2026-10-21T09:01:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-10-21T09:01:00.000Z');
  });
});
