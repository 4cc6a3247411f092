import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ConcurrencyError, RefusalError, TraiettorieError, ValidationError, type ErrorCode } from '@traiettorie/contracts';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';

/** RFC 9457 problem details, with the hub's structured validation issues. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

/** The media types a request body may have; anything else is refused with 415. */
export const ACCEPTED_BODY_TYPES = ['application/json'] as const;

/** Problem types the hub answers with, besides `urn:traiettorie:problem:<error code>`. */
export const problemTypes = {
  malformedRequest: 'urn:traiettorie:problem:malformed-request',
  unsupportedMediaType: 'urn:traiettorie:problem:unsupported-media-type',
  notYetApplied: 'urn:traiettorie:problem:not-yet-applied',
} as const;

const statusOf: Record<ErrorCode, number> = {
  VALIDATION: 422,
  ILLEGAL_STATE: 409,
  CONCURRENCY: 409,
  DUPLICATE_EVENT_ID: 409,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
};

/** Titles are the same for every resource: the detail says which one and why. */
const titleOf: Record<ErrorCode, string> = {
  VALIDATION: 'The request breaks the contract',
  ILLEGAL_STATE: "The resource's state does not allow this",
  CONCURRENCY: 'The resource changed since you read it',
  DUPLICATE_EVENT_ID: 'Event id already used',
  NOT_FOUND: 'Not Found',
  UNAUTHENTICATED: 'Unauthorized',
  FORBIDDEN: 'Forbidden',
};

/**
 * An HTTP-level refusal with a problem type of its own (415, 504…), thrown by
 * the hub's own code; Nest's built-in exceptions are mapped by status.
 */
export class ProblemException extends HttpException {
  constructor(readonly problem: ProblemDetails, readonly headers: Record<string, string> = {}) {
    super(problem.detail, problem.status);
  }
}

/** Maps every error to `application/problem+json`; unexpected ones become a 500 without internals. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(error, request);
    // The path only: a query string is the caller's input.
    problem.instance = request.path;
    if (problem.status >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (error instanceof ProblemException) response.set(error.headers);
    response.status(problem.status).type('application/problem+json').json(problem);
  }

  private toProblem(error: unknown, request: Request): ProblemDetails {
    if (error instanceof TraiettorieError) return problemOfError(error);
    if (error instanceof ProblemException) return { ...error.problem, type: error.problem.type, title: error.problem.title, status: error.problem.status, detail: error.problem.detail };
    // body-parser's errors (not JSON, too large, bad charset) carry a status and a `type` such as `entity.parse.failed`.
    const parserError = error as { type?: unknown; status?: unknown; expose?: unknown };
    if (!(error instanceof HttpException) && typeof parserError.type === 'string' && typeof parserError.status === 'number') {
      return parserProblem(parserError.status, parserError.type);
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      // Never the exception's message: Nest's and body-parser's messages quote the request.
      if (status === 404) return { type: 'about:blank', title: 'Not Found', status, detail: `no resource at ${request.method} ${request.path}` };
      if (status === 400) return parserProblem(400, 'entity.parse.failed');
      return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail: STATUS_CODES[status] ?? `HTTP ${status}` };
    }
    return { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'an unexpected error occurred; it was logged' };
  }
}

/**
 * The problem details of one of the hub's typed errors, as the filter answers
 * them; also what a route answering several outcomes at once (`POST /events`)
 * puts in each refused item.
 */
export function problemOfError(error: TraiettorieError): ProblemDetails {
  const problem: ProblemDetails = {
    type: `urn:traiettorie:problem:${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: titleOf[error.code],
    status: statusOf[error.code],
    detail: error.message,
  };
  if (error instanceof ValidationError) problem['errors'] = error.issues;
  // The rule that refused, so a client can tell tenancy from emitter rights; never personal data.
  if (error instanceof RefusalError) problem['rule'] = error.rule;
  if (error instanceof ConcurrencyError) Object.assign(problem, { expectedVersion: error.expected, actualVersion: error.actual });
  return problem;
}

/** A problem for a body the parser refused, naming the reason and nothing of the body itself. */
function parserProblem(status: number, parserType: string): ProblemDetails {
  if (status === 413) return { type: 'about:blank', title: 'Content Too Large', status, detail: 'the body is larger than the service accepts' };
  if (status === 415) {
    return {
      type: problemTypes.unsupportedMediaType,
      title: 'Unsupported Media Type',
      status,
      detail: `the body's charset or encoding is not supported; send UTF-8 ${ACCEPTED_BODY_TYPES.join(' or ')}`,
      accepted: [...ACCEPTED_BODY_TYPES],
    };
  }
  const detail =
    parserType === 'entity.parse.failed'
      ? 'the body is not a JSON object or array'
      : 'the body could not be read';
  return { type: problemTypes.malformedRequest, title: 'Malformed request', status: 400, detail };
}
