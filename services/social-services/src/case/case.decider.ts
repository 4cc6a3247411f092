import {
  assessmentCompletedV2,
  caseOpenedV1,
  dataSchemaOf,
  IllegalStateError,
  NotFoundError,
  pactSignedV2,
  type EventData,
  type HubEvent,
} from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/event-store';

export type CaseEvent = HubEvent<'CaseOpened' | 'AssessmentCompleted' | 'PactSigned'>;

/** What every command carries besides its data: ids and clock from outside, never read here. */
export interface CommandMeta {
  caseId: string;
  eventId: string;
  now: string;
  /** The emitting agency as a CloudEvents source, e.g. `/agencies/social-services/ambito-sesto`. */
  source: string;
  traceparent?: string;
}

export type CaseCommand =
  | {
      type: 'OpenCase';
      meta: CommandMeta;
      ambito: string;
      personRef: string;
      legalBasis: string;
      data: EventData<'CaseOpened'>;
    }
  | { type: 'CompleteAssessment'; meta: CommandMeta; data: EventData<'AssessmentCompleted'> }
  | { type: 'SignPact'; meta: CommandMeta; data: EventData<'PactSigned'> };

interface CaseIdentity {
  ambito: string;
  personRef: string;
  legalBasis: string;
}

export type CaseState =
  | { status: 'none' }
  | ({ status: 'open' } & CaseIdentity)
  | ({ status: 'assessed'; referrals: readonly string[] } & CaseIdentity)
  | ({ status: 'pact-signed'; pactId: string } & CaseIdentity);

export const caseDecider: Decider<CaseCommand, CaseEvent, CaseState> = {
  initialState: () => ({ status: 'none' }),
  evolve,
  decide,
};

function evolve(state: CaseState, event: CaseEvent): CaseState {
  switch (event.type) {
    case 'CaseOpened':
      return { status: 'open', ambito: event.ambito, personRef: event.personref, legalBasis: event.legalbasis };
    case 'AssessmentCompleted':
      return state.status === 'none' ? state : { ...identityOf(state), status: 'assessed', referrals: event.data.referrals };
    case 'PactSigned':
      return state.status === 'none' ? state : { ...identityOf(state), status: 'pact-signed', pactId: event.data.pactId };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

function decide(command: CaseCommand, state: CaseState): CaseEvent[] {
  switch (command.type) {
    case 'OpenCase':
      if (state.status !== 'none') throw new IllegalStateError(`case ${command.meta.caseId} is already open`);
      return [
        {
          ...envelope(command.meta, { ambito: command.ambito, personRef: command.personRef, legalBasis: command.legalBasis }),
          type: 'CaseOpened',
          dataschema: dataSchemaOf(caseOpenedV1),
          data: command.data,
        },
      ];
    case 'CompleteAssessment': {
      const open = requireCase(state, command.meta.caseId);
      if (open.status !== 'open') {
        throw new IllegalStateError(`the assessment of case ${command.meta.caseId} is already completed (case is ${open.status})`);
      }
      return [
        { ...envelope(command.meta, open), type: 'AssessmentCompleted', dataschema: dataSchemaOf(assessmentCompletedV2), data: command.data },
      ];
    }
    case 'SignPact': {
      const current = requireCase(state, command.meta.caseId);
      if (current.status === 'open') {
        throw new IllegalStateError(`the pact of case ${command.meta.caseId} cannot be signed before the assessment is completed`);
      }
      if (current.status === 'pact-signed') {
        throw new IllegalStateError(`case ${command.meta.caseId} already has a signed pact (${current.pactId}); revise it instead`);
      }
      return [{ ...envelope(command.meta, current), type: 'PactSigned', dataschema: dataSchemaOf(pactSignedV2), data: command.data }];
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

function requireCase(state: CaseState, caseId: string): Exclude<CaseState, { status: 'none' }> {
  if (state.status === 'none') throw new NotFoundError(`case ${caseId} does not exist`);
  return state;
}

function identityOf(state: Exclude<CaseState, { status: 'none' }>): CaseIdentity {
  return { ambito: state.ambito, personRef: state.personRef, legalBasis: state.legalBasis };
}

function envelope(meta: CommandMeta, identity: CaseIdentity) {
  return {
    specversion: '1.0' as const,
    id: meta.eventId,
    source: meta.source,
    time: meta.now,
    subject: meta.caseId,
    datacontenttype: 'application/json' as const,
    ambito: identity.ambito,
    personref: identity.personRef,
    legalbasis: identity.legalBasis,
    ...(meta.traceparent ? { traceparent: meta.traceparent } : {}),
  };
}
