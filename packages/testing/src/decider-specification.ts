import { expect } from '@jest/globals';
import { dataSchemaOf, definitionOf, parseEvent, sourceOf, type AgencyKind, type EventData, type EventType, type HubEvent } from '@traiettorie/contracts';

/** A decided event as a decider returns it: type and data, no envelope (`DomainEvent` of @traiettorie/command-handling). */
type DomainEventOf<Type extends EventType> = { [K in Type]: { type: K; data: EventData<K> } }[Type];

interface DeciderLike<Command, State, Type extends EventType> {
  initialState(): State;
  evolve(state: State, event: HubEvent<Type>): State;
  decide(command: Command, state: State): DomainEventOf<Type>[];
}

/** The envelope a past domain event gets in `given`, the same in every test: tests about the envelope give whole HubEvents. */
export const testEnvelope = {
  specversion: '1.0',
  time: '2026-01-01T00:00:00.000Z',
  subject: '00000000-0000-4000-8000-000000000000',
  datacontenttype: 'application/json',
  ambito: 'LOM-SESTO-SAN-GIOVANNI',
  personref: 'P-SSG-7f3a91',
  legalbasis: 'DL-48-2023',
} as const;

/**
 * A past event as the command handling folds it: a domain event is put in
 * the test envelope (emitted by its type's first emitter, ids numbered by
 * position), then every event goes through the contracts' parser, as stored
 * events do, so upcasters apply and invalid history fails loudly.
 */
export function asStoredEvent<Type extends EventType>(event: DomainEventOf<Type> | HubEvent<Type>, index = 0): HubEvent<Type> {
  if ('specversion' in event) return parseEvent(event) as HubEvent<Type>;
  const definition = definitionOf(event.type);
  return parseEvent({
    ...testEnvelope,
    id: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
    source: sourceOf(definition.emitters[0] as AgencyKind, 'test-agency'),
    type: event.type,
    dataschema: dataSchemaOf(definition),
    data: event.data,
  }) as HubEvent<Type>;
}

/**
 * Given/when/then for pure deciders: `spec.given([past events]).when(command)`
 * then `.then([domain events])`, `.thenNothingHappens()` or
 * `.thenThrows(ErrorClass, /message/)`. Past events are domain events (in the
 * test envelope) or whole HubEvents when the envelope matters to the state.
 */
export function deciderSpecification<Command, State, Type extends EventType>(decider: DeciderLike<Command, State, Type>) {
  return {
    given(history: (DomainEventOf<Type> | HubEvent<Type>)[]) {
      return {
        when(command: Command) {
          const state = () => history.map((event, i) => asStoredEvent(event, i)).reduce(decider.evolve, decider.initialState());
          const run = () => decider.decide(command, state());
          return {
            /** The state the history folds into, for checks beyond the decided events (such as the stream's identity). */
            state,
            then(expected: DomainEventOf<Type>[]) {
              expect(run()).toEqual(expected);
            },
            thenNothingHappens() {
              expect(run()).toEqual([]);
            },
            thenThrows(errorClass: abstract new (...args: never[]) => Error, message?: RegExp) {
              let thrown: unknown;
              try {
                run();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeInstanceOf(errorClass);
              if (message) expect((thrown as Error).message).toMatch(message);
            },
          };
        },
      };
    },
  };
}
