import { describe, expect, test } from '@jest/globals';
import { validate, version } from 'uuid';
import { derivedEventId } from './derived-event-id.js';

describe('an id derived from a cause', () => {
  test('is a name-based (version 5) UUID in the hub’s namespace, the same for the same cause and purpose', () => {
    const id = derivedEventId('0b0f3c1a-9b0e-4a55-8d64-3c2b9b0b7e21', 'EmploymentReferralReceived');

    expect(validate(id) && version(id)).toBe(5);
    expect(derivedEventId('0b0f3c1a-9b0e-4a55-8d64-3c2b9b0b7e21', 'EmploymentReferralReceived')).toBe(id);
    expect(derivedEventId('0b0f3c1a-9b0e-4a55-8d64-3c2b9b0b7e21', 'Reminder')).not.toBe(id);
  });
});
