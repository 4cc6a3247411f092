import { dataSchemaOf, definitionOf, sourceOf, type AgencyKind, type EventType } from '@traiettorie/contracts';
import { demoClients } from '@traiettorie/access';
import { randomUUID } from 'node:crypto';
import { get, globalLog, post, type Hub, type ServiceName } from './hub.js';

/**
 * One step of a pathway as an agency records it: the event it appends, the
 * command route that appends it, and the data. The same steps run either as
 * commands (each agency's route) or as CloudEvents an agency system posts to
 * `POST /events`, so the two can be compared.
 */
export interface PathwayStep {
  /** The demo client of the agency that records the step. */
  client: string;
  service: ServiceName;
  type: EventType;
  /** The route under the service, `{caseId}` replaced. */
  route: string;
  /** The event's data: the command's body, and the posted event's data. */
  data: Record<string, unknown>;
  /** What the command route needs besides the data (the person's identity for a route that opens a stream). */
  extra?: Record<string, unknown>;
}

/** The person every journey follows (a pseudonymous reference), in the Ambito of Sesto San Giovanni. */
export const ambito = 'LOM-SESTO-SAN-GIOVANNI';
export const legalBasis = 'DL-48-2023';

const example = (type: EventType, overrides: Record<string, unknown> = {}) => ({ ...(definitionOf(type).example as Record<string, unknown>), ...overrides });

/**
 * Journey (a): from the INPS/SIISL referral to employment, through a training
 * course and a tirocinio at the CPI, with a third-sector partner delivering the
 * educativa domiciliare the pact provides; then the case closes. The dates are
 * the contracts' examples', which form one coherent timeline.
 */
export function journeyA(personRef: string) {
  const householdRef = `H-${personRef}`;
  const supportId = randomUUID();
  const deliveryId = randomUUID();
  const tirocinioId = randomUUID();
  const social = (type: EventType, route: string, data: Record<string, unknown>, extra?: Record<string, unknown>): PathwayStep => ({
    client: 'ss-sesto',
    service: 'social-services',
    type,
    route,
    data,
    ...(extra ? { extra } : {}),
  });
  const cpi = (type: EventType, route: string, data: Record<string, unknown>): PathwayStep => ({ client: 'cpi-sesto', service: 'employment-centre', type, route, data });
  const partner = (type: EventType, route: string, data: Record<string, unknown>): PathwayStep => ({ client: 'ets-sesto', service: 'third-sector', type, route, data });
  return {
    /** The social services, up to the support activated with the partner (the policies then tell the CPI and the partner). */
    socialServices: [
      social('CaseOpened', '/cases', example('CaseOpened', { householdRef }), { ambito, personRef, legalBasis }),
      social('BeneficiaryReferralReceived', '/cases/{caseId}/referral', example('BeneficiaryReferralReceived', { householdRef })),
      social('FirstAppointmentHeld', '/cases/{caseId}/first-appointment', example('FirstAppointmentHeld')),
      social('CaseTakenInCharge', '/cases/{caseId}/taking-in-charge', example('CaseTakenInCharge')),
      social('PreliminaryAnalysisCompleted', '/cases/{caseId}/preliminary-analysis', example('PreliminaryAnalysisCompleted', { outcome: 'refer-to-employment-centre' })),
      social('AssessmentCompleted', '/cases/{caseId}/assessment', example('AssessmentCompleted', { assessmentKind: 'preliminary', referrals: ['employment-centre', 'third-sector'] })),
      social(
        'PactSigned',
        '/cases/{caseId}/pact',
        example('PactSigned', {
          pactId: randomUUID(),
          boundMembers: [personRef],
          supports: ['tirocinio', 'training', 'educativa-domiciliare'],
          commitments: [{ memberRef: personRef, objectiveCode: 'EMP-1', description: 'Attend the course and the tirocinio' }],
        }),
      ),
      social('SupportActivated', '/cases/{caseId}/supports', example('SupportActivated', { supportId, beneficiaries: [personRef] })),
    ],
    /** The CPI, once the assessment's referral reached it over Kafka. */
    employmentCentre: [
      cpi('DIDRegistered', '/referrals/{caseId}/did', example('DIDRegistered')),
      cpi('ProfilingCompleted', '/referrals/{caseId}/profiling', example('ProfilingCompleted')),
      cpi('ServicePactSigned', '/referrals/{caseId}/service-pact', (({ referralEventId: _, ...data }) => ({ ...data, servicePactId: randomUUID() }))(example('ServicePactSigned'))),
      cpi('TrainingEnrolled', '/referrals/{caseId}/training-enrolments', example('TrainingEnrolled')),
      cpi('TrainingCompleted', '/referrals/{caseId}/training-completions', example('TrainingCompleted')),
      cpi('TirocinioStarted', '/referrals/{caseId}/tirocini', example('TirocinioStarted', { tirocinioId })),
      cpi('TirocinioEnded', '/referrals/{caseId}/tirocinio-endings', example('TirocinioEnded', { tirocinioId })),
      cpi('EmploymentStarted', '/referrals/{caseId}/employments', example('EmploymentStarted')),
    ],
    /** The partner, once the support's expectation reached it over Kafka. */
    thirdSector: [
      partner('ServiceDeliveryStarted', '/cases/{caseId}/deliveries', example('ServiceDeliveryStarted', { deliveryId, supportId })),
      partner('AttendanceRecorded', '/cases/{caseId}/attendance', example('AttendanceRecorded', { deliveryId })),
      partner('ParticipantExitRecorded', '/cases/{caseId}/exits', example('ParticipantExitRecorded', { deliveryId })),
    ],
    /** The social services close the case once the person works. */
    closure: [social('CaseClosed', '/cases/{caseId}/closure', example('CaseClosed'))],
  };
}

/** Records the steps through each agency's command route, as that agency's demo client; the case id comes from the opening. */
export async function recordByCommands(hub: Hub, caseId: string, steps: readonly PathwayStep[]): Promise<string[]> {
  const ids: string[] = [];
  for (const step of steps) {
    const body = step.route === '/cases' ? { caseId, ...step.data, ...step.extra } : { ...step.data, ...step.extra };
    const headers = await hub.as(step.client, { operator: 'op-e2e' });
    const answer = await post(`${hub.url(step.service)}${step.route.replace('{caseId}', caseId)}`, body, headers);
    if (answer.status !== 201) throw new Error(`${step.type} at ${step.route}: ${answer.status} ${JSON.stringify(answer.body)}`);
    ids.push(...((answer.body['events'] as { id: string }[]) ?? []).map((e) => e.id));
  }
  return ids;
}

/** The steps as the CloudEvents the agencies' systems would publish: each from its client's agency, about the case. */
export function asCloudEvents(caseId: string, personRef: string, steps: readonly PathwayStep[]): Record<string, unknown>[] {
  return steps.map((step) => {
    const client = demoClients.find((c) => c.clientId === step.client)!;
    return {
      specversion: '1.0',
      id: randomUUID(),
      source: sourceOf(client.kind as AgencyKind, client.agencyId),
      type: step.type,
      time: new Date().toISOString(),
      subject: caseId,
      datacontenttype: 'application/json',
      dataschema: dataSchemaOf(definitionOf(step.type)),
      ambito,
      personref: personRef,
      legalbasis: legalBasis,
      data: step.data,
    };
  });
}

/** Waits until the store holds an event of `type` about the case (a policy's reaction travels through Kafka). */
export async function untilRecorded(hub: Hub, caseId: string, type: EventType, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await hub.db.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM event_store.events WHERE stream_id LIKE $1 AND event_type = $2',
      [`%-${caseId}`, type],
    );
    if (Number(rows[0]?.n) > 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no ${type} about case ${caseId} within ${timeoutMs / 1000} s`);
}

/** The types of every event about the case, in log order. */
export async function typesOf(hub: Hub, caseId: string): Promise<string[]> {
  return (await globalLog(hub.db)).filter((e) => e.streamId.endsWith(caseId)).map((e) => e.type);
}

/** The case's pathway read model once it shows `count` steps of `type`. */
export async function pathwayOnce(hub: Hub, caseId: string, type: string, count = 1): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { status, body } = await get(`${hub.url('read-models')}/cases/${caseId}/pathway`);
    const milestones = (body as { milestones?: Record<string, { count: number }> }).milestones;
    if (status === 200 && (milestones?.[type]?.count ?? 0) >= count) return body as Record<string, unknown>;
    if (Date.now() > deadline) throw new Error(`the pathway of ${caseId} never showed ${count} ${type}: ${status} ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
