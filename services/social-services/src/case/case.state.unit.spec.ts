import { describe, expect, test } from '@jest/globals';
import { parseEvent, type HubEvent } from '@traiettorie/contracts';
import { foldState, toHubEvents, type Decider } from '@traiettorie/command-handling';
import { completeAssessmentDecider } from '../complete-assessment/complete-assessment.decider.js';
import { openCaseDecider } from '../open-case/open-case.decider.js';
import { signPactDecider } from '../sign-pact/sign-pact.decider.js';
import { assessmentData, caseId, identity, openingData, pactData, source } from './case.spec-fixtures.js';
import type { CaseEventType, CaseState } from './case.state.js';

/** Runs one command on a history as the command handling does, without the store. */
function run<Command>(decider: Decider<Command, CaseState, CaseEventType>, history: HubEvent<CaseEventType>[], command: Command, eventId: string) {
  const state = foldState(decider, history);
  const context = { source, now: '2026-10-02T08:15:00.000Z', eventId: () => eventId };
  return toHubEvents(decider.decide(command, state), decider.streamIdentity(state, command), context);
}

describe('the events a case records', () => {
  test('when a case goes from opening to pact › every event it records honours the contract and carries the case’s identity', () => {
    const history: HubEvent<CaseEventType>[] = [];
    const opening = { type: 'OpenCase' as const, caseId, ambito: identity.ambito, personRef: identity.personref, legalBasis: identity.legalbasis, data: openingData };
    history.push(...run(openCaseDecider, history, opening, '11111111-1111-4111-8111-111111111111'));
    history.push(...run(completeAssessmentDecider, history, { type: 'CompleteAssessment', caseId, data: assessmentData }, '22222222-2222-4222-8222-222222222222'));
    history.push(...run(signPactDecider, history, { type: 'SignPact', caseId, data: pactData }, '33333333-3333-4333-8333-333333333333'));

    expect(history.map((e) => e.type)).toEqual(['CaseOpened', 'AssessmentCompleted', 'PactSigned']);
    for (const event of history) {
      expect(parseEvent(event)).toEqual(event);
      expect(event).toMatchObject({ subject: caseId, ...identity, source });
    }
  });
});
