/**
 * Adversarial review of issue 11: one event on a case never opened at the
 * social services stops GET /events for every reader of the Ambito. Tests
 * named `BUG:` fail on the code as reviewed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toNewEvent } from '@traiettorie/command-handling';
import { caseStreamOf, type HubEvent } from '@traiettorie/contracts';
import { sampleEvent } from '@traiettorie/testing';
import { randomUUID } from 'node:crypto';
import { sourceOfClient, startEventsHub, type EventsHub } from './events.fixture.js';

const BATCH = 'application/cloudevents-batch+json';

describe('review of issue 11: an event on a case the social services never opened', () => {
  let hub: EventsHub;
  beforeAll(async () => {
    hub = await startEventsHub('review-poison');
  });
  afterAll(() => hub?.stop());

  async function post(events: unknown[], clientId: string) {
    const response = await fetch(`${hub.url}/events`, { method: 'POST', headers: { 'content-type': BATCH, ...(await hub.as(clientId)) }, body: JSON.stringify(events) });
    return (await response.json()) as { results: { status: string; problem?: Record<string, unknown> }[] };
  }
  async function feed(clientId: string) {
    const response = await fetch(`${hub.url}/events?limit=1000`, { headers: await hub.as(clientId) });
    return { status: response.status, text: await response.text() };
  }

  it('a ConsentRecorded on a case never opened is refused, as a social-services route answers 404 for a case never opened', async () => {
    const consent = { ...sampleEvent('ConsentRecorded', { caseId: randomUUID() }), source: sourceOfClient('cps-sesto') } as HubEvent;
    const posted = await post([consent], 'cps-sesto');
    expect(posted.results[0]).toMatchObject({ status: 'refused', problem: { status: 404 } });
  });

  it.each(['ss-sesto', 'cps-sesto', 'cpi-sesto', 'auditor'])('a health record of a case never opened, stored before that rule, › GET /events from the start still answers %s: the feed is never stuck', async (reader) => {
    const consent = { ...sampleEvent('ConsentRecorded', { caseId: randomUUID() }), source: sourceOfClient('cps-sesto') } as HubEvent;
    await hub.store.appendToStream(caseStreamOf('health-services', consent.subject), [toNewEvent(consent)]);
    // The global log shows a commit once older transactions end (ADR 2): ask until the page is not empty.
    let page = await feed(reader);
    for (let i = 0; i < 20 && page.status === 200 && (JSON.parse(page.text) as { events: unknown[] }).events.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      page = await feed(reader);
    }
    expect([page.status, page.status === 200 ? '' : page.text.slice(0, 300)]).toEqual([200, '']);
  });
});
