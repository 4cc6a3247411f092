import { describe, expect, test } from '@jest/globals';
import { derivedEventId } from '@traiettorie/command-handling';
import type { EventData, EventType, HubEvent } from '@traiettorie/contracts';
import { sampleEvent } from '@traiettorie/testing';
import { applyToDeadlines, deadlineMissedData, deadlinesOf, isMissedAsOf, statusOf, type Deadline } from './deadline.projection.js';

const caseId = '1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5';

/** An event of the case, recorded at noon (Rome) on `day`. */
function on<T extends EventType>(day: string, type: T, data: Partial<EventData<T>> = {}): HubEvent<T> {
  return sampleEvent(type, { caseId, time: `${day}T11:00:00.000Z`, data });
}

/** Given a case's events, when they are folded, then these deadlines (the fields that matter to the rule). */
function given(history: HubEvent[]) {
  const deadlines = deadlinesOf(history);
  return {
    deadlines,
    then: (expected: Partial<Deadline & { status: string }>[]) =>
      expect(deadlines.map((d) => ({ ...d, status: statusOf(d) }))).toEqual(expected.map((e) => expect.objectContaining(e))),
  };
}

describe('the first appointment (BeneficiaryReferralReceived → FirstAppointmentHeld)', () => {
  test('given a referral from SIISL › a deadline opens on the due date the referral states', () => {
    const referral = on('2026-07-20', 'BeneficiaryReferralReceived', { firstAppointmentDueBy: '2026-11-13' });

    given([referral]).then([
      {
        deadlineId: derivedEventId(referral.id, 'deadline:first-appointment:2026-11-13'),
        caseId,
        rule: 'first-appointment',
        dueOn: '2026-11-13',
        effectiveDueOn: '2026-11-13',
        openedBy: { eventId: referral.id, type: 'BeneficiaryReferralReceived' },
        openedOn: '2026-07-20',
        awaited: ['FirstAppointmentHeld'],
        status: 'open',
      },
    ]);
  });

  test('given the referral and then the first appointment › the deadline is closed by it', () => {
    const held = on('2026-10-02', 'FirstAppointmentHeld');

    given([on('2026-07-20', 'BeneficiaryReferralReceived'), held]).then([{ status: 'closed', closedBy: { eventId: held.id, type: 'FirstAppointmentHeld', on: '2026-10-02' } }]);
  });
});

describe('the PSP (EmploymentReferralReceived → ServicePactSigned)', () => {
  test('given a referral to the CPI due on a Sunday › the deadline is due the next Monday', () => {
    given([on('2026-10-21', 'EmploymentReferralReceived', { servicePactDueBy: '2026-12-20' })]).then([
      { rule: 'service-pact', dueOn: '2026-12-20', effectiveDueOn: '2026-12-21', awaited: ['ServicePactSigned'], status: 'open' },
    ]);
  });

  test('given the referral and the PSP signed › the deadline is closed', () => {
    given([on('2026-10-21', 'EmploymentReferralReceived'), on('2026-11-05', 'ServicePactSigned')]).then([{ rule: 'service-pact', status: 'closed' }]);
  });

  test('given a deadline due on 8 December (a holiday, Tuesday in 2026) › it is due on the 9th', () => {
    given([on('2026-10-09', 'EmploymentReferralReceived', { servicePactDueBy: '2026-12-08' })]).then([{ effectiveDueOn: '2026-12-09' }]);
  });
});

describe('the periodic check (every 90 days from the presa in carico, then from each check)', () => {
  test('given the case taken in charge › a check is due 90 days later', () => {
    given([on('2026-10-02', 'CaseTakenInCharge', { takenInChargeOn: '2026-10-02' })]).then([
      { rule: 'periodic-check', dueOn: '2026-12-31', effectiveDueOn: '2026-12-31', awaited: ['PeriodicCheckCompleted'], status: 'open' },
    ]);
  });

  test('given a check completed › the open check is closed and the next one opens on its own due date', () => {
    const check = on('2026-12-15', 'PeriodicCheckCompleted', { checkedOn: '2026-12-15', nextCheckDueBy: '2027-03-15' });

    given([on('2026-10-02', 'CaseTakenInCharge', { takenInChargeOn: '2026-10-02' }), check]).then([
      { rule: 'periodic-check', dueOn: '2026-12-31', status: 'closed', closedBy: { eventId: check.id, type: 'PeriodicCheckCompleted', on: '2026-12-15' } },
      { rule: 'periodic-check', dueOn: '2027-03-15', status: 'open', openedBy: { eventId: check.id, type: 'PeriodicCheckCompleted' } },
    ]);
  });
});

describe('the pact review (each review date of the PaIS → PactRevised)', () => {
  test('given a pact with two review dates › two deadlines open, one per date', () => {
    given([on('2026-11-03', 'PactSigned', { reviewDates: ['2027-02-01', '2027-05-03'] })]).then([
      { rule: 'pact-review', dueOn: '2027-02-01', status: 'open' },
      { rule: 'pact-review', dueOn: '2027-05-03', status: 'open' },
    ]);
  });

  test('given the pact and its revision › the review deadlines close and the revision\'s own review dates open', () => {
    const revision = on('2027-02-01', 'PactRevised', { revisedOn: '2027-02-01', reviewDates: ['2027-06-01'] });

    given([on('2026-11-03', 'PactSigned', { reviewDates: ['2027-02-01'] }), revision]).then([
      { dueOn: '2027-02-01', status: 'closed', closedBy: { eventId: revision.id, type: 'PactRevised', on: '2027-02-01' } },
      { dueOn: '2027-06-01', status: 'open', openedBy: { eventId: revision.id, type: 'PactRevised' } },
    ]);
  });
});

describe('every deadline of a case', () => {
  test('given the case closed › every open deadline closes, whatever its rule', () => {
    const closure = on('2026-11-20', 'CaseClosed');

    given([on('2026-10-02', 'CaseTakenInCharge'), on('2026-10-21', 'EmploymentReferralReceived'), closure]).then([
      { rule: 'periodic-check', status: 'closed', closedBy: { eventId: closure.id, type: 'CaseClosed', on: '2026-11-20' } },
      { rule: 'service-pact', status: 'closed', closedBy: { eventId: closure.id, type: 'CaseClosed', on: '2026-11-20' } },
    ]);
  });

  test('given an opening event applied twice › it opens its deadlines once', () => {
    const referral = on('2026-10-21', 'EmploymentReferralReceived');

    expect(applyToDeadlines(deadlinesOf([referral]), referral)).toEqual(deadlinesOf([referral]));
  });

  test('given an event of no rule › the deadlines do not change', () => {
    given([on('2026-10-21', 'EmploymentReferralReceived'), on('2026-10-22', 'AssessmentCompleted')]).then([{ rule: 'service-pact', status: 'open' }]);
  });
});

describe('when a deadline is missed', () => {
  const referral = () => on('2026-10-21', 'EmploymentReferralReceived', { servicePactDueBy: '2026-12-20' });

  test('as of its last day on time (the Monday after a Sunday due date) › it is not missed yet', () => {
    const [psp] = deadlinesOf([referral()]);

    expect(isMissedAsOf(psp!, '2026-12-20')).toBe(false);
    expect(isMissedAsOf(psp!, '2026-12-21')).toBe(false);
  });

  test('as of the next day, with no PSP signed › it is missed, and its DeadlineMissed names the rule, the due day and what it awaited', () => {
    const opening = referral();
    const [psp] = deadlinesOf([opening]);

    expect(isMissedAsOf(psp!, '2026-12-22')).toBe(true);
    expect(deadlineMissedData(psp!, '2026-12-22')).toEqual({
      deadlineId: psp!.deadlineId,
      rule: 'service-pact',
      dueOn: '2026-12-21',
      openedBy: { eventId: opening.id, type: 'EmploymentReferralReceived' },
      awaited: ['ServicePactSigned'],
      detectedOn: '2026-12-22',
    });
  });

  test('with the PSP signed on its last day › it is never missed', () => {
    const [psp] = deadlinesOf([referral(), on('2026-12-21', 'ServicePactSigned')]);

    expect(isMissedAsOf(psp!, '2027-01-15')).toBe(false);
  });

  test('with the PSP signed late, before the watch saw it › it is still missed', () => {
    const [psp] = deadlinesOf([referral(), on('2026-12-23', 'ServicePactSigned')]);

    expect(statusOf(psp!)).toBe('closed');
    expect(isMissedAsOf(psp!, '2026-12-24')).toBe(true);
  });

  test('once its DeadlineMissed is recorded › it shows missed, and is not missed again', () => {
    const [psp] = deadlinesOf([referral()]);
    const missed = on('2026-12-22', 'DeadlineMissed', deadlineMissedData(psp!, '2026-12-22'));
    const [after] = applyToDeadlines([psp!], missed);

    expect(after).toEqual({ ...psp, missed: { eventId: missed.id, detectedOn: '2026-12-22' } });
    expect(statusOf(after!)).toBe('missed');
    expect(isMissedAsOf(after!, '2027-01-15')).toBe(false);
  });
});
