import { describe, expect, it } from '@jest/globals';
import { anonymousPersonRefOf, parseEvent, type CloudEvent, type HubEvent } from '@traiettorie/contracts';
import { sampleEvent } from '@traiettorie/testing';
import { randomUUID } from 'node:crypto';
import { demoClients } from './demo-clients.js';
import type { Caller } from './identity.js';
import { demoPurposes } from './purposes.js';
import { redactForReader, type ReaderEvent } from './redact-for-reader.js';

const caseId = randomUUID();
const personref = 'P-SSG-7f3a91';
const consentId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const today = '2026-11-15';
const caller = (clientId: string): Caller => {
  const client = demoClients.find((c) => c.clientId === clientId)!;
  return { client, purposeId: client.purposes[0]!, voucherId: randomUUID() };
};
const read = (clientId: string, history: CloudEvent<string, unknown>[], on = today) =>
  redactForReader(caller(clientId), history, { purposes: demoPurposes, today: on });

/** Contract-valid events of one case (each goes through the contracts' parser). */
function valid<E extends HubEvent>(event: E): E {
  parseEvent(event);
  return event;
}
const opened = valid(sampleEvent('CaseOpened', { caseId }));
/** The CPS (mental health) joins the EEMM, under the consent. */
const cpsInvolved = valid(sampleEvent('SpecialistServiceInvolved', { caseId, agencyId: 'asst-nord-milano-cps-sesto' }));
/** Consent: health may share the service category and the care path with social services and the employment centre, for the EEMM's assessment. */
const consent = valid(sampleEvent('ConsentRecorded', { caseId, data: { consentId } }));
const withdrawal = valid(sampleEvent('ConsentWithdrawn', { caseId, data: { consentId, withdrawnOn: '2026-11-10', scope: ['service-category'] } }));
const fitness = valid(sampleEvent('ActivityFitnessAssessed', { caseId }));

const involvementIn = (history: ReaderEvent[]) => history.find((e) => e.type === 'SpecialistServiceInvolved')!;

describe('health data shared under consent', () => {
  it('when a CPS involvement is covered by a consent for social services › the social worker sees which service it is', () => {
    const involvement = involvementIn(read('ss-sesto', [opened, consent, cpsInvolved]));
    expect(involvement.data).toEqual({ anonymous: false, involvedOn: '2026-10-20', involvement: 'joins-eemm', serviceCategory: 'mental-health', consentId });
    expect(involvement.redacted).toBeUndefined();
  });

  it('when the consent is then withdrawn › the same read redacts it, saying so', () => {
    const involvement = involvementIn(read('ss-sesto', [opened, consent, cpsInvolved, withdrawal]));
    expect(involvement.data).toEqual({
      anonymous: false,
      involvedOn: '2026-10-20',
      involvement: { redacted: true, reason: 'consent-withdrawn' },
      serviceCategory: { redacted: true, reason: 'consent-withdrawn' },
      consentId,
    });
    expect(involvement.redacted).toEqual(['$.involvement', '$.serviceCategory']);
  });

  it('when the consent is withdrawn for another item only › the service category is still shared', () => {
    const otherItem = valid(sampleEvent('ConsentWithdrawn', { caseId, data: { consentId, withdrawnOn: '2026-11-10', scope: ['care-path-status'] } }));
    expect(involvementIn(read('ss-sesto', [consent, cpsInvolved, otherItem])).data).toMatchObject({ serviceCategory: 'mental-health' });
  });

  it('when a new consent is recorded after the withdrawal › the service is shared again', () => {
    const renewed = valid(sampleEvent('ConsentRecorded', { caseId, data: { consentId: randomUUID(), givenOn: '2026-11-12' } }));
    expect(involvementIn(read('ss-sesto', [consent, cpsInvolved, withdrawal, renewed])).data).toMatchObject({ serviceCategory: 'mental-health' });
  });

  it('when the employment centre reads the same case, even though the consent names it › it never sees the CPS involvement', () => {
    const involvement = involvementIn(read('cpi-sesto', [opened, consent, cpsInvolved]));
    expect(involvement.data).toMatchObject({
      involvement: { redacted: true, reason: 'not-for-this-kind' },
      serviceCategory: { redacted: true, reason: 'not-for-this-kind' },
    });
    expect(JSON.stringify(involvement)).not.toContain('mental-health');
  });

  it('when there is no consent › the social worker gets the involvement redacted for no consent', () => {
    expect(involvementIn(read('ss-sesto', [opened, cpsInvolved])).data).toMatchObject({ serviceCategory: { redacted: true, reason: 'no-consent' } });
  });

  it('when the consent has expired › it is redacted for an expired consent', () => {
    expect(involvementIn(read('ss-sesto', [consent, cpsInvolved], '2028-05-01')).data).toMatchObject({
      serviceCategory: { redacted: true, reason: 'consent-expired' },
    });
  });

  it('when the consent is another person’s › it covers nothing here', () => {
    const someoneElses = { ...consent, personref: 'P-SSG-000999' };
    expect(involvementIn(read('ss-sesto', [someoneElses, cpsInvolved])).data).toMatchObject({ serviceCategory: { redacted: true, reason: 'no-consent' } });
  });

  it('when the consent is for a purpose the reader does not have › it covers nothing for that reader', () => {
    // ets-sesto plans activation only; the consent is for the multidisciplinary assessment.
    const withFitness = valid(sampleEvent('ConsentRecorded', { caseId, data: { consentId, recipients: ['third-sector'], scope: ['activity-fitness'] } }));
    expect(read('ets-sesto', [withFitness, fitness]).find((e) => e.type === 'ActivityFitnessAssessed')!.data).toMatchObject({
      fitness: { redacted: true, reason: 'no-consent' },
    });
  });

  it('when the employment centre reads a fitness statement under a consent for activity fitness › it sees it, no diagnosis anywhere', () => {
    const forFitness = valid(sampleEvent('ConsentRecorded', { caseId, data: { consentId, scope: ['activity-fitness'] } }));
    expect(read('cpi-sesto', [forFitness, fitness]).find((e) => e.type === 'ActivityFitnessAssessed')!.data).toEqual(fitness.data);
  });

  it('when the health service or the auditor reads › they see everything as stored', () => {
    for (const reader of ['cps-sesto', 'auditor']) {
      expect(read(reader, [opened, cpsInvolved, withdrawal])).toEqual([opened, cpsInvolved, withdrawal]);
    }
  });

  it('when a social service reads its own assessment › it sees it; the employment centre sees its scores redacted', () => {
    const assessed = valid(sampleEvent('AssessmentCompleted', { caseId }));
    expect(read('ss-sesto', [assessed])).toEqual([assessed]);
    const seen = read('cpi-sesto', [assessed])[0]!;
    expect(seen.data).toMatchObject({ dimensionScores: { redacted: true, reason: 'not-for-this-kind' } });
    expect(seen.redacted).toEqual(['$.dimensionScores']);
  });

  it('redaction leaves the stored events untouched', () => {
    const before = structuredClone(cpsInvolved);
    read('cpi-sesto', [cpsInvolved]);
    expect(cpsInvolved).toEqual(before);
  });

  it('when a funder reader asks for a case history › it is refused: aggregates only', () => {
    expect(() => read('funder-lom', [opened])).toThrow(expect.objectContaining({ code: 'FORBIDDEN', rule: 'aggregates-only' }));
  });
});

describe('an anonymous SerD involvement', () => {
  const anonymous = valid({
    ...sampleEvent('SpecialistServiceInvolved', { caseId: randomUUID(), agencyId: 'asst-nord-milano-serd' }),
    personref: anonymousPersonRefOf(randomUUID()),
    data: { anonymous: true, involvedOn: '2026-10-21', serviceCategory: 'addictions' },
  } as HubEvent<'SpecialistServiceInvolved'>);

  it('never appears in a case history, for any reader, auditor included', () => {
    for (const reader of ['ss-sesto', 'cpi-sesto', 'cps-sesto', 'ets-sesto', 'auditor']) {
      const history = read(reader, [opened, consent, anonymous]);
      expect(history.map((e) => e.id)).toEqual([opened.id, consent.id]);
      expect(JSON.stringify(history)).not.toContain('addictions');
    }
  });
});
