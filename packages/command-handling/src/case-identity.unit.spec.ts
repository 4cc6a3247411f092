import { describe, expect, test } from '@jest/globals';
import { NotFoundError, ValidationError } from '@traiettorie/contracts';
import { assertOfOpenedCase } from './case-opening.js';
import { assertSameCase } from './case-identity.js';

const caseId = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
const recorded = { subject: caseId, ambito: 'LOM-MILANO', personref: 'P-MI-000123', legalbasis: 'DL-48-2023' };
const onTheStream = { attributes: ['subject', 'ambito', 'personref', 'legalbasis'], rule: 'matches-stream', recordedAs: 'its stream records it' } as const;

/** The error the check throws, or undefined. */
function refusal(check: () => void): unknown {
  try {
    check();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('comparing the case an event names with the case as recorded', () => {
  test('when every compared attribute is the same › nothing is refused', () => {
    expect(refusal(() => assertSameCase({ ...recorded }, recorded, onTheStream))).toBeUndefined();
  });

  test('when the person and the legal basis differ › one issue for each, naming the attribute and the rule, never a value', () => {
    const error = refusal(() => assertSameCase({ ...recorded, personref: 'P-MI-999999', legalbasis: 'L-328-2000' }, recorded, onTheStream));

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: 'personref', rule: 'matches-stream', message: "must be the case's personref as its stream records it" },
      { path: 'legalbasis', rule: 'matches-stream', message: "must be the case's legalbasis as its stream records it" },
    ]);
    expect((error as ValidationError).message).not.toMatch(/P-MI-|L-328/);
  });

  test('when an agency starts its record of a case in another Ambito than the one the social services opened it in › refused matches-case on ambito', () => {
    const error = refusal(() => assertOfOpenedCase({ ...recorded, ambito: 'LOM-ADDA', legalbasis: 'another' }, { ambito: 'LOM-MILANO', personref: 'P-MI-000123' }));

    expect((error as ValidationError).issues).toEqual([{ path: 'ambito', rule: 'matches-case', message: "must be the case's ambito as the social services opened it" }]);
  });

  test('when the social services never opened the case › not found', () => {
    expect(refusal(() => assertOfOpenedCase(recorded, undefined))).toBeInstanceOf(NotFoundError);
  });
});
