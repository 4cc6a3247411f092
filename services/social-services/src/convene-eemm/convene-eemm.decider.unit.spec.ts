import { describe, expect, test } from '@jest/globals';
import { eemmConvenedV1, IllegalStateError, NotFoundError, type EventData } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { caseId, closed, eemmConvened, identity, opened, preliminaryAnalysis, takenInCharge } from '../case/case.spec-fixtures.js';
import { conveneEemmDecider, type ConveneEemm } from './convene-eemm.decider.js';

const spec = deciderSpecification(conveneEemmDecider);

const data = eemmConvenedV1.example;
const convene = (override: Partial<EventData<'EEMMConvened'>> = {}): ConveneEemm => ({ type: 'ConveneEemm', caseId, data: { ...data, ...override } });

describe('convening the EEMM', () => {
  test('when the case does not exist › it is refused as not found', () => {
    spec.given([]).when(convene()).thenThrows(NotFoundError, /does not exist/);
  });

  test('when the preliminary analysis asked for a quadro di analisi › it records EEMMConvened', () => {
    spec.given([opened(), takenInCharge(), preliminaryAnalysis('quadro-required')]).when(convene()).then([{ type: 'EEMMConvened', data }]);
  });

  test('the meeting carries the identity the case was opened with', () => {
    const { state } = spec.given([opened(), takenInCharge(), preliminaryAnalysis('quadro-required')]).when(convene());

    expect(conveneEemmDecider.streamIdentity(state(), convene())).toEqual({ subject: caseId, ...identity });
  });

  test('when there was no preliminary analysis › the EEMM is refused', () => {
    spec.given([opened(), takenInCharge()]).when(convene()).thenThrows(IllegalStateError, /only after a preliminary analysis that asks for a quadro di analisi/);
  });

  test.each(['pais-by-social-service', 'refer-to-employment-centre', 'refer-to-specialist-services'] as const)(
    'when the preliminary analysis decided %s › the EEMM is refused, without naming the outcome',
    (outcome) => {
      const { state } = spec.given([opened(), takenInCharge(), preliminaryAnalysis(outcome)]).when(convene());
      const refusal = (() => {
        try {
          conveneEemmDecider.decide(convene(), state());
        } catch (error) {
          return error;
        }
        return undefined;
      })();

      expect(refusal).toBeInstanceOf(IllegalStateError);
      expect((refusal as Error).message).toMatch(/asks for a quadro di analisi/);
      expect((refusal as Error).message).not.toContain(outcome);
    },
  );

  test('when the EEMM meets again later › the new meeting is recorded', () => {
    const { nextMeetingOn: _next, ...lastMeeting } = data;
    const later: EventData<'EEMMConvened'> = { ...lastMeeting, convenedOn: '2026-11-03' };
    spec
      .given([opened(), takenInCharge(), preliminaryAnalysis(), eemmConvened({ convenedOn: '2026-10-20' })])
      .when({ type: 'ConveneEemm', caseId, data: later })
      .then([{ type: 'EEMMConvened', data: later }]);
  });

  test('when a meeting is dated on or before the last one › it is refused, naming the last', () => {
    spec
      .given([opened(), takenInCharge(), preliminaryAnalysis(), eemmConvened({ convenedOn: '2026-10-20' })])
      .when(convene({ convenedOn: '2026-10-20' }))
      .thenThrows(IllegalStateError, /must meet after its last meeting of 2026-10-20/);
  });

  test('when the case is closed › it is refused', () => {
    spec.given([opened(), takenInCharge(), preliminaryAnalysis(), closed('2026-11-01')]).when(convene()).thenThrows(IllegalStateError, /was closed on 2026-11-01/);
  });
});
