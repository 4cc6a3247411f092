/**
 * The hub's typed errors. The domain throws them; adapters map them to
 * application/problem+json (HTTP) or to a dead-letter reason (Kafka).
 * `retriable` says whether trying the same thing again can succeed.
 */
export type ErrorCode =
  | 'VALIDATION'
  | 'ILLEGAL_STATE'
  | 'NOT_FOUND'
  | 'CONCURRENCY'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'DUPLICATE_EVENT_ID';

export abstract class TraiettorieError extends Error {
  abstract readonly code: ErrorCode;
  abstract readonly retriable: boolean;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** One broken rule: where (a path such as `objectives.0.code`), which rule, and what was seen. */
export interface ValidationIssue {
  path: string;
  rule: string;
  message: string;
  expected?: string;
  received?: string;
}

export class ValidationError extends TraiettorieError {
  readonly code = 'VALIDATION';
  readonly retriable = false;
  constructor(
    readonly issues: ValidationIssue[],
    readonly subject = 'input',
  ) {
    super(`invalid ${subject}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message} [${i.rule}]`).join('; ')}`);
  }
}

/** The command is understood but the current state forbids it. */
export class IllegalStateError extends TraiettorieError {
  readonly code = 'ILLEGAL_STATE';
  readonly retriable = false;
}

export class NotFoundError extends TraiettorieError {
  readonly code = 'NOT_FOUND';
  readonly retriable = false;
}

/**
 * A refusal at the door: `rule` names the rule that refused (e.g.
 * `emitter-not-allowed`, `voucher-expired`), so a client can tell one refusal
 * from another; the message never quotes personal data.
 */
export abstract class RefusalError extends TraiettorieError {
  readonly retriable = false;
  constructor(
    message: string,
    readonly rule = 'refused',
  ) {
    super(message);
  }
}

/** The caller is known but may not do this (HTTP 403). */
export class ForbiddenError extends RefusalError {
  readonly code = 'FORBIDDEN';
}

/** The caller could not be identified (HTTP 401): no credentials, or ones that do not verify. */
export class UnauthenticatedError extends RefusalError {
  readonly code = 'UNAUTHENTICATED';
}

/** Someone else appended to the stream between our read and our write. */
export class ConcurrencyError extends TraiettorieError {
  readonly code = 'CONCURRENCY';
  readonly retriable = true;
  constructor(
    readonly streamId: string,
    readonly expected: string | number,
    readonly actual: number,
  ) {
    super(`stream ${streamId} is at version ${actual}, expected ${expected}`);
  }
}

/** An event id was reused for a different event. */
export class DuplicateEventIdError extends TraiettorieError {
  readonly code = 'DUPLICATE_EVENT_ID';
  readonly retriable = false;
  constructor(readonly eventIds: string[]) {
    super(`event id(s) already used for a different event: ${eventIds.join(', ')}`);
  }
}
