import { randomUUID } from 'node:crypto';

/** What every store is given to append: the same events, byte for byte. */
export interface BenchEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

const measures = ['ADI', 'SFL', 'RdC', 'REI', 'LOCAL'];
const dimensions = ['work', 'income', 'housing', 'health', 'education', 'family', 'social-network'];
const supports = ['tirocinio', 'training', 'puc', 'educativa-domiciliare', 'mediation', 'parenting-support'];

let sequence = 0;
const pick = <T>(items: readonly T[], n: number): T => items[n % items.length] as T;
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const day = (n: number) => `2026-${pad((n % 12) + 1, 2)}-${pad((n % 28) + 1, 2)}`;

/**
 * Events shaped like the contracts' social-services examples (CaseOpened,
 * AssessmentCompleted, PactSigned) with CloudEvents-like metadata:
 * about 400-500 bytes of JSON each (data + metadata).
 */
export function makeEvent(streamId: string): BenchEvent {
  const n = sequence++;
  const metadata = {
    correlationId: randomUUID(),
    causationId: randomUUID(),
    actor: `op-sesto-${pad(n % 500, 3)}`,
    source: 'urn:traiettorie:social-services:sesto-san-giovanni',
    schemaVersion: 1,
    stream: streamId,
  };
  switch (n % 3) {
    case 0:
      return {
        id: randomUUID(),
        type: 'CaseOpened',
        data: {
          householdRef: `H-SSG-2026-${pad(n % 100_000, 5)}`,
          measure: pick(measures, n),
          referralDate: day(n),
          caseManager: `op-sesto-${pad(n % 500, 3)}`,
          referralChannel: 'employment-centre',
          notes: 'Referred after the preliminary interview.',
        },
        metadata,
      };
    case 1:
      return {
        id: randomUUID(),
        type: 'AssessmentCompleted',
        data: {
          assessmentKind: n % 2 ? 'multidimensional' : 'preliminary',
          completedOn: day(n),
          dimensionScores: Object.fromEntries(dimensions.slice(0, 3 + (n % 4)).map((d, i) => [d, (n + i) % 5])),
          referrals: ['employment-centre'],
          documentRef: `protocollo/2026/${pad(n % 1_000_000, 6)}`,
        },
        metadata,
      };
    default:
      return {
        id: randomUUID(),
        type: 'PactSigned',
        data: {
          pactId: randomUUID(),
          signedOn: day(n),
          boundMembers: [`P-SSG-${(n * 2654435761 % 0xffffff).toString(16)}`],
          objectives: [{ code: 'EMP-1', description: 'Complete a tirocinio di inclusione in the logistics sector' }],
          supports: [pick(supports, n), pick(supports, n + 1)],
          reviewDates: [day(n + 90)],
        },
        metadata,
      };
  }
}

export function makeEvents(streamId: string, count: number): BenchEvent[] {
  return Array.from({ length: count }, () => makeEvent(streamId));
}
