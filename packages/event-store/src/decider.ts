/**
 * A pure decider: `decide(command, state) → events` (or a thrown domain error),
 * `evolve(state, event) → state`, starting from `initialState()`. No I/O; the
 * clock and ids travel inside the command.
 */
export interface Decider<Command, Event, State> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Event[];
}
