import { anonymousPersonRefOf, IllegalStateError, NotFoundError, type EventData } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import {
  checkIdentity,
  healthIdentity,
  healthState,
  requireConsentFor,
  type HealthCommand,
  type HealthEventType,
  type HealthState,
} from '../health-record/health-record.state.js';

type Involved = EventData<'SpecialistServiceInvolved'>;

/** A specialist service (CPS, SerD/NOA, UOMPIA) is involved in a case's pathway. */
export type InvolveSpecialistService = Omit<HealthCommand<'InvolveSpecialistService', 'SpecialistServiceInvolved'>, 'data'> & {
  data: Extract<Involved, { anonymous: false }>;
};

/**
 * A SerD/NOA user who asked for anonymity (DPR 309/1990 art. 120) is taken
 * in: the record names no case and no person, only a UUID minted for it
 * (subject, stream `health-anon-<anonymousId>`, personref `anon:<uuid>`).
 */
export interface InvolveAnonymously {
  type: 'InvolveAnonymously';
  anonymousId: string;
  /** The `anon:` person reference; `anon:<anonymousId>` unless the emitter minted another. */
  anonymousRef?: string;
  /** The Ambito whose counts it feeds. */
  ambito: string;
  legalBasis: string;
  data: Extract<Involved, { anonymous: true }>;
}

/** The legal basis of an anonymous involvement. */
export const anonymityLegalBasis = 'DPR-309-1990-art-120';

/**
 * An identified involvement shares which service it is only under a consent
 * recorded on the case that covers the service category on that day (a
 * consent it names must be recorded at all); the same involvement is not
 * recorded twice. An anonymous involvement is a record of its own, once.
 */
export const involveSpecialistServiceDecider: Decider<InvolveSpecialistService | InvolveAnonymously, HealthState, HealthEventType> = {
  ...healthState,
  decide(command, state) {
    if (command.type === 'InvolveAnonymously') {
      if (state.status !== 'none') throw new IllegalStateError(`anonymous involvement ${command.anonymousId} is already recorded`);
      return [{ type: 'SpecialistServiceInvolved', data: command.data }];
    }
    const { data, caseId } = command;
    checkIdentity(state, command);
    if (data.serviceCategory !== undefined && data.consentId !== undefined) {
      requireConsentFor(state, caseId, data.consentId, 'service-category', data.involvedOn);
    } else if (data.consentId !== undefined && (state.status === 'none' || !state.consents[data.consentId])) {
      throw new NotFoundError(`consent ${data.consentId} was never recorded on the health record of case ${caseId}`);
    }
    const same = (i: { involvedOn: string; involvement?: string; serviceCategory?: string }) =>
      i.involvedOn === data.involvedOn && i.involvement === data.involvement && i.serviceCategory === data.serviceCategory;
    if (state.status === 'recorded' && state.involvements.some(same)) {
      throw new IllegalStateError(`this involvement of case ${caseId} on ${data.involvedOn} is already recorded`);
    }
    return [{ type: 'SpecialistServiceInvolved', data }];
  },
  streamIdentity: (state, command) =>
    command.type === 'InvolveAnonymously'
      ? {
          subject: command.anonymousId,
          ambito: command.ambito,
          personref: command.anonymousRef ?? anonymousPersonRefOf(command.anonymousId),
          legalbasis: command.legalBasis,
        }
      : healthIdentity(state, command),
};
