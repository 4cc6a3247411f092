import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { hubRecords } from '@traiettorie/access';
import { foldState, type DomainEvent, type EventRecorder } from '@traiettorie/command-handling';
import { catalogue, definitionOf, IllegalStateError, NotFoundError, parseEvent, type AgencyKind, type EventType, type HubEvent } from '@traiettorie/contracts';
import { employmentCentreRecorders } from '@traiettorie/employment-centre/recorders';
import { healthServicesRecorders } from '@traiettorie/health-services/recorders';
import { programmeRecorders } from '@traiettorie/programme/recorders';
import { deadlineMissedRecorder, socialServicesRecorders } from '@traiettorie/social-services/recorders';
import { thirdSectorRecorders } from '@traiettorie/third-sector/recorders';
import { sampleEvent } from '@traiettorie/testing';
import { startHub, type Hub, type ServiceName } from './hub.js';

/**
 * Generated from the catalogue: a new event type without a command route of
 * its owning agency, or without a decider rule that refuses it out of order,
 * fails here. The agencies' services publish their routes' OpenAPI documents;
 * the summary of each command route names the event type it appends.
 */
const recorders: readonly EventRecorder[] = [
  ...socialServicesRecorders,
  // Not publishable by an agency (a hub record), but decided by the case's rule all the same: the deadline watch's.
  deadlineMissedRecorder as EventRecorder,
  ...employmentCentreRecorders,
  ...healthServicesRecorders,
  ...thirdSectorRecorders,
  ...programmeRecorders,
];
const agencyServices = ['social-services', 'employment-centre', 'health-services', 'third-sector', 'programme'] as const satisfies readonly (AgencyKind & ServiceName)[];
const types = catalogue.map((d) => d.type);
/** The hub's own records: no agency appends them, so no command route does (packages/access `hubRecords`). */
const recordedByTheHub = new Set<string>(hubRecords);

type Operation = { summary?: string; operationId?: string };

describe('every event type of the catalogue is emitted by the agency that owns it', () => {
  let hub: Hub;
  const summaries = new Map<AgencyKind, string[]>();

  beforeAll(async () => {
    hub = await startHub('catalogue', {}, { services: agencyServices });
    for (const service of agencyServices) {
      const document = (await (await fetch(`${hub.url(service)}/docs-json`)).json()) as { paths: Record<string, Record<string, Operation>> };
      const operations = Object.values(document.paths).flatMap((item) => Object.entries(item).filter(([method]) => method === 'post').map(([, op]) => op));
      summaries.set(service, operations.map((op) => op.summary ?? ''));
    }
  }, 180_000);
  afterAll(async () => {
    await hub?.stop();
  });

  test.each(types.filter((t) => !recordedByTheHub.has(t)))('%s › has a command route of its owning agency, whose OpenAPI summary names it', (type) => {
    const owner = definitionOf(type).emitters[0] as AgencyKind;
    const naming = (summaries.get(owner) ?? []).filter((summary) => summary.includes(`(${type})`));
    expect({ type, owner, routes: naming.length > 0 }).toEqual({ type, owner, routes: true });
  });

  test.each(types.filter((t) => t !== 'PersonalDataAccessed'))('%s › has exactly one recorder, whose decider refuses it out of order', (type) => {
    const own = recorders.filter((r) => r.type === type);
    expect({ type, recorders: own.length }).toEqual({ type, recorders: 1 });
    const recorder = own[0]!;
    // Published by the agency it may come from: a delivery's by its provider (provider-not-yours otherwise, no domain rule).
    const { providerId } = definitionOf(type).example as { providerId?: string };
    const event = sampleEvent(type as EventType, providerId ? { agencyId: providerId } : {}) as HubEvent;
    const history = (recorder.outOfOrder ?? []).map((step, index) => envelope(step, event, index));
    const state = foldState(recorder.decider, history);
    const refused = (() => {
      try {
        recorder.decider.decide(recorder.command(event), state);
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    expect({ type, refusedAsADomainRule: refused instanceof IllegalStateError || refused instanceof NotFoundError }).toEqual({ type, refusedAsADomainRule: true });
  });
});

/** A step of a recorder's out-of-order history, on the same stream as the event tried after it. */
function envelope(step: DomainEvent, like: HubEvent, index: number): HubEvent {
  const sample = sampleEvent(step.type as EventType, { caseId: like.subject, data: step.data as never });
  return parseEvent({ ...sample, ambito: like.ambito, personref: like.personref, time: new Date(Date.parse(like.time) - (100 - index) * 1000).toISOString() }) as HubEvent;
}
