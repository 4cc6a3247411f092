import { describe, expect, test } from '@jest/globals';
import { conditionalityUpdatedV1, IllegalStateError, NotFoundError, type EventData } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { caseId, closed, identity, opened } from '../case/case.spec-fixtures.js';
import { updateConditionalityDecider, type UpdateConditionality } from './update-conditionality.decider.js';

const spec = deciderSpecification(updateConditionalityDecider);

const data = conditionalityUpdatedV1.example;
const update = (override: Partial<EventData<'ConditionalityUpdated'>> = {}): UpdateConditionality => ({ type: 'UpdateConditionality', caseId, data: { ...data, ...override } });

describe('updating the conditionality of a case', () => {
  test('when the case does not exist › it is refused as not found', () => {
    spec.given([]).when(update()).thenThrows(NotFoundError, /does not exist/);
  });

  test('when the case is open › it records ConditionalityUpdated', () => {
    spec.given([opened()]).when(update()).then([{ type: 'ConditionalityUpdated', data }]);
  });

  test('the update carries the identity the case was opened with', () => {
    const { state } = spec.given([opened()]).when(update());

    expect(updateConditionalityDecider.streamIdentity(state(), update())).toEqual({ subject: caseId, ...identity });
  });

  test('when the conditionality was already updated for the same cause › it is refused, naming the cause event', () => {
    spec
      .given([opened(), { type: 'ConditionalityUpdated', data }])
      .when(update())
      .thenThrows(IllegalStateError, new RegExp(`already updated for event ${data.causeEventId}`));
  });

  test('when another employment follows › the update for its cause is recorded', () => {
    const next = { ...data, causeEventId: '7a7a7a7a-7a7a-4a7a-8a7a-7a7a7a7a7a7a' };
    spec.given([opened(), { type: 'ConditionalityUpdated', data }]).when(update(next)).then([{ type: 'ConditionalityUpdated', data: next }]);
  });

  test('when the case is closed › it is refused', () => {
    spec.given([opened(), closed('2027-01-10')]).when(update()).thenThrows(IllegalStateError, /was closed on 2027-01-10/);
  });
});
