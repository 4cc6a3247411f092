import { randomUUID } from 'node:crypto';

/** Where a service reads the time: injected (token CLOCK), so tests move it instead of sleeping. */
export interface Clock {
  now(): Date;
}

/** Injection token of the service's Clock. */
export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until a test sets or advances it. */
export class ManualClock implements Clock {
  private current: Date;
  constructor(start: Date | string) {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(instant: Date | string): void {
    this.current = new Date(instant);
  }
  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}

/** Where a service gets new ids (cases, pacts, events): injected (token ID_GENERATOR) so tests can fix them. */
export type IdGenerator = () => string;

/** Injection token of the service's IdGenerator. */
export const ID_GENERATOR = Symbol('ID_GENERATOR');

export const randomIds: IdGenerator = () => randomUUID();
