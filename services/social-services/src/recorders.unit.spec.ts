import { describe, expect, test } from '@jest/globals';
import { catalogue, IllegalStateError, NotFoundError, type EventType } from '@traiettorie/contracts';
import { foldState } from '@traiettorie/command-handling';
import { asStoredEvent, sampleEvent } from '@traiettorie/testing';
import { caseEventTypes, type CaseEventType } from './case/case.state.js';
import { deadlineMissedRecorder, socialServicesRecorders } from './recorders.js';

const caseId = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';

/** Written by the hub itself (PersonalDataAccessed) or by the deadlines worker (DeadlineMissed), never posted by an agency. */
const notPosted: readonly string[] = ['PersonalDataAccessed', 'DeadlineMissed'];

describe('the social services’ recorders', () => {
  test('every social-services event type an agency may post has exactly one recorder', () => {
    const posted = catalogue.filter((d) => d.context === 'social-services' && !notPosted.includes(d.type)).map((d) => d.type);

    expect(socialServicesRecorders.map((r) => r.type).sort()).toEqual([...posted].sort());
  });

  describe.each(socialServicesRecorders.map((r) => [r.type, r] as const))('the %s recorder', (type, recorder) => {
    const posted = sampleEvent(type, { caseId });
    // The contract examples of the pathway's earlier steps: a history in which the posted example is in order.
    const earlier = caseEventTypes.slice(0, caseEventTypes.indexOf(type as CaseEventType)).map((t, i) => asStoredEvent(sampleEvent(t, { caseId }), i));

    test('when posted after the pathway’s earlier steps › its decider records it as it is, exactly once, on the case’s stream and identity', () => {
      const state = foldState(recorder.decider, earlier);
      const command = recorder.command(posted);

      expect(recorder.stream(posted)).toBe(`case-${caseId}`);
      expect(recorder.decider.decide(command, state)).toEqual([{ type, data: posted.data }]);
      expect(recorder.decider.streamIdentity(state, command)).toEqual({
        subject: caseId,
        ambito: posted.ambito,
        personref: posted.personref,
        legalbasis: posted.legalbasis,
      });
    });

    test('when posted after its out-of-order history › its decider refuses it with a domain error', () => {
      const history = (recorder.outOfOrder ?? []).map((event, i) => asStoredEvent(event as Parameters<typeof asStoredEvent<EventType>>[0], i));
      const state = foldState(recorder.decider, history);

      let refusal: unknown;
      try {
        recorder.decider.decide(recorder.command(posted), state);
      } catch (error) {
        refusal = error;
      }
      expect(refusal instanceof IllegalStateError || refusal instanceof NotFoundError).toBe(true);
    });
  });

  test('only the opening usually opens the case’s stream', () => {
    expect(socialServicesRecorders.filter((r) => r.usuallyOpensStream).map((r) => r.type)).toEqual(['CaseOpened']);
  });

  describe('the deadlines worker’s DeadlineMissed recorder', () => {
    const missed = sampleEvent('DeadlineMissed', { caseId });
    const decide = (history: Parameters<typeof asStoredEvent<EventType>>[0][]) =>
      deadlineMissedRecorder.decider.decide(deadlineMissedRecorder.command(missed), foldState(deadlineMissedRecorder.decider, history.map((e, i) => asStoredEvent(e, i))));

    test('is not among the recorders of what agencies post', () => {
      expect(socialServicesRecorders.map((r) => r.type)).not.toContain('DeadlineMissed');
    });

    test('when the case is open › it records the missed deadline on the case’s stream', () => {
      expect(deadlineMissedRecorder.stream(missed)).toBe(`case-${caseId}`);
      expect(decide([sampleEvent('CaseOpened', { caseId })])).toEqual([{ type: 'DeadlineMissed', data: missed.data }]);
    });

    test('when the same deadline was already recorded as missed › it is refused', () => {
      expect(() => decide([sampleEvent('CaseOpened', { caseId }), missed])).toThrow(IllegalStateError);
    });

    test('when posted after its out-of-order history › it is refused', () => {
      expect(() => decide([...(deadlineMissedRecorder.outOfOrder ?? [])] as never)).toThrow(IllegalStateError);
    });

    test('when the case was never opened › it is refused as not found', () => {
      expect(() => decide([])).toThrow(NotFoundError);
    });
  });
});
