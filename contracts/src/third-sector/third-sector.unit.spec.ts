import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { exitSituations } from './participant-exit-recorded.v1.js';
import { issuesWith } from '../testing/parse-outcome.js';

/* What the third sector's events may hold. Rules every event keeps are in ../catalogue.unit.spec.ts. */

describe('when event data breaks its schema › it is refused naming the field', () => {
  test('a situation at exit that the ESF+ result indicators cannot count', () => {
    fc.assert(
      fc.property(fc.subarray([...exitSituations]), (situationAtExit) => {
        const countable =
          situationAtExit.length > 0 &&
          (!situationAtExit.includes('none') || situationAtExit.length === 1) &&
          !(situationAtExit.includes('job-searching') && situationAtExit.includes('employed'));

        const issues = issuesWith('ParticipantExitRecorded', { situationAtExit });

        expect(issues.length === 0).toBe(countable);
        for (const issue of issues) expect(issue.path).toBe('data.situationAtExit');
      }),
    );
  });
});
