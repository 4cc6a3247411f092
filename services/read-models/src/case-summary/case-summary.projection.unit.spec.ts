import { describe, expect, test } from '@jest/globals';
import { sampleEvent } from '@traiettorie/testing';
import { projectCaseSummary, type CaseSummary, type CaseSummaryEvent } from './case-summary.projection.js';

const caseId = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';

/** One case's pathway, with the case's identity on every envelope. */
const identity = { ambito: 'LOM-MILANO', personref: 'P-MI-000123' };
const opened = { ...sampleEvent('CaseOpened', { caseId, id: 'a1a1a1a1-0000-4000-8000-000000000001', time: '2026-10-02T08:00:00.000Z' }), ...identity };
const assessed = {
  ...sampleEvent('AssessmentCompleted', { caseId, id: 'a2a2a2a2-0000-4000-8000-000000000002', time: '2026-10-20T14:30:00.000Z' }),
  ...identity,
};
const referred = {
  ...sampleEvent('EmploymentReferralReceived', { caseId, id: 'a3a3a3a3-0000-4000-8000-000000000003', time: '2026-10-21T09:00:00.000Z' }),
  ...identity,
};
const pactSigned = { ...sampleEvent('PactSigned', { caseId, id: 'a4a4a4a4-0000-4000-8000-000000000004', time: '2026-11-03T10:00:00.000Z' }), ...identity };

const closed = { ...sampleEvent('CaseClosed', { caseId, id: 'a5a5a5a5-0000-4000-8000-000000000005', time: '2027-09-30T16:00:00.000Z' }), ...identity };

const pathway: CaseSummaryEvent[] = [opened, assessed, referred, pactSigned];

function project(events: readonly CaseSummaryEvent[]): CaseSummary {
  const summary = events.reduce<CaseSummary | undefined>(projectCaseSummary, undefined);
  if (!summary) throw new Error('no events projected');
  return summary;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

const completeSummary: CaseSummary = {
  caseId,
  status: 'pact-signed',
  ambito: 'LOM-MILANO',
  personRef: 'P-MI-000123',
  agencies: ['employment-centre', 'social-services'],
  lastEventType: 'PactSigned',
  lastEventId: 'a4a4a4a4-0000-4000-8000-000000000004',
  lastEventAt: '2026-11-03T10:00:00.000Z',
  openedAt: '2026-10-02T08:00:00.000Z',
  assessedAt: '2026-10-20T14:30:00.000Z',
  pactSignedAt: '2026-11-03T10:00:00.000Z',
  closedAt: null,
  employmentReferralAt: '2026-10-21T09:00:00.000Z',
  eventCount: 4,
};

describe('the summary of a case', () => {
  test('when a case is opened › it is open, known to the social services only', () => {
    expect(project([opened])).toEqual({
      caseId,
      status: 'open',
      ambito: 'LOM-MILANO',
      personRef: 'P-MI-000123',
      agencies: ['social-services'],
      lastEventType: 'CaseOpened',
      lastEventId: 'a1a1a1a1-0000-4000-8000-000000000001',
      lastEventAt: '2026-10-02T08:00:00.000Z',
      openedAt: '2026-10-02T08:00:00.000Z',
      assessedAt: null,
      pactSignedAt: null,
      closedAt: null,
      employmentReferralAt: null,
      eventCount: 1,
    });
  });

  test('when the whole pathway happens in order › the pact is signed, both agencies are involved and every step is dated', () => {
    expect(project(pathway)).toEqual(completeSummary);
  });

  test('when only the employment centre has been heard of so far › the summary has no status yet but already knows the person', () => {
    const summary = project([referred]);

    expect(summary.status).toBeNull();
    expect(summary.agencies).toEqual(['employment-centre']);
    expect(summary.employmentReferralAt).toBe('2026-10-21T09:00:00.000Z');
    expect(summary.openedAt).toBeNull();
    expect(summary.ambito).toBe('LOM-MILANO');
    expect(summary.personRef).toBe('P-MI-000123');
  });
});

describe('when events of different agencies arrive interleaved', () => {
  const orders = permutations(pathway);

  test('there are 24 orders to check', () => {
    expect(orders).toHaveLength(24);
    expect(new Set(orders.map((order) => order.map((e) => e.type).join(' → '))).size).toBe(24);
  });

  test.each(orders.map((order) => [order.map((e) => e.type).join(' → '), order] as const))(
    'in the order %s › the summary is the same as in the natural order',
    (_name, order) => {
      expect(project(order)).toEqual(completeSummary);
    },
  );
});

describe('the status of a case', () => {
  test('when earlier steps arrive after the pact › the status stays pact-signed at every step', () => {
    const statuses: (string | null)[] = [];
    let summary: CaseSummary | undefined;
    for (const event of [pactSigned, assessed, opened]) {
      summary = projectCaseSummary(summary, event);
      statuses.push(summary.status);
    }

    expect(statuses).toEqual(['pact-signed', 'pact-signed', 'pact-signed']);
  });

  test('when the opening arrives after the assessment › the status stays assessed', () => {
    expect(project([assessed, opened]).status).toBe('assessed');
  });

  test('when the assessment arrives after the opening › the status moves forward to assessed', () => {
    expect(project([opened, assessed]).status).toBe('assessed');
  });

  test('when the case is closed › it is closed, dated, and stays closed whatever arrives late', () => {
    const summary = project([...pathway, closed]);

    expect(summary).toEqual({ ...completeSummary, status: 'closed', closedAt: '2027-09-30T16:00:00.000Z', lastEventType: 'CaseClosed', lastEventId: closed.id, lastEventAt: closed.time, eventCount: 5 });
    expect(project([opened, closed, assessed, pactSigned, referred])).toEqual(summary);
  });

  test('when the employment referral arrives › the status does not change', () => {
    expect(project([opened, referred]).status).toBe('open');
    expect(project([referred, opened]).status).toBe('open');
  });
});

describe('the last event of a case', () => {
  test('when an earlier event arrives last › the last event is still the latest by time', () => {
    const summary = project([opened, pactSigned, assessed]);

    expect(summary).toMatchObject({
      lastEventType: 'PactSigned',
      lastEventId: 'a4a4a4a4-0000-4000-8000-000000000004',
      lastEventAt: '2026-11-03T10:00:00.000Z',
    });
  });

  test('when times are written in different time zones › the latest is decided by the instant, not by the text', () => {
    // 09:30+02:00 reads later than 08:00Z but is 07:30Z, half an hour earlier.
    const earlier = { ...opened, time: '2026-10-02T09:30:00+02:00' };
    const later = { ...assessed, time: '2026-10-02T08:00:00Z' };

    expect(project([later, earlier])).toMatchObject({ lastEventType: 'AssessmentCompleted', lastEventAt: '2026-10-02T08:00:00.000Z' });
    expect(project([earlier, later])).toMatchObject({ lastEventType: 'AssessmentCompleted', lastEventAt: '2026-10-02T08:00:00.000Z' });
  });

  test('when two events happened at the same instant › the same one is last whatever the order', () => {
    const time = '2026-10-21T09:00:00.000Z';
    const first = { ...assessed, id: 'b0000000-0000-4000-8000-000000000001', time };
    const second = { ...referred, id: 'b0000000-0000-4000-8000-000000000002', time };

    expect(project([first, second]).lastEventId).toBe('b0000000-0000-4000-8000-000000000002');
    expect(project([second, first]).lastEventId).toBe('b0000000-0000-4000-8000-000000000002');
  });
});

describe('the times of a case', () => {
  test('when an event time carries an offset › it is kept as UTC with milliseconds', () => {
    const summary = project([{ ...opened, time: '2026-10-02T09:00:00+01:00' }]);

    expect(summary.openedAt).toBe('2026-10-02T08:00:00.000Z');
    expect(summary.lastEventAt).toBe('2026-10-02T08:00:00.000Z');
  });

  test('when event times carry offsets and fractions › every step is kept as UTC with milliseconds', () => {
    const summary = project([
      { ...opened, time: '2026-10-02T00:30:00-02:00' },
      { ...assessed, time: '2026-10-20T14:30:00.1234Z' },
      { ...referred, time: '2026-10-21T09:00:00+05:30' },
      { ...pactSigned, time: '2026-11-03T10:00:00.5+01:00' },
    ]);

    expect(summary).toMatchObject({
      openedAt: '2026-10-02T02:30:00.000Z',
      assessedAt: '2026-10-20T14:30:00.123Z',
      employmentReferralAt: '2026-10-21T03:30:00.000Z',
      pactSignedAt: '2026-11-03T09:00:00.500Z',
      lastEventAt: '2026-11-03T09:00:00.500Z',
    });
  });
});
