import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ConcurrencyError, TraiettorieError, ValidationError, type ErrorCode } from '@traiettorie/contracts';
import type { Request, Response } from 'express';

/** RFC 9457 problem details, with the hub's structured validation issues. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

const statusOf: Record<ErrorCode, number> = {
  VALIDATION: 422,
  ILLEGAL_STATE: 409,
  CONCURRENCY: 409,
  DUPLICATE_EVENT_ID: 409,
  NOT_FOUND: 404,
  FORBIDDEN: 403,
};

const titleOf: Record<ErrorCode, string> = {
  VALIDATION: 'The request breaks the contract',
  ILLEGAL_STATE: "The case's state does not allow this",
  CONCURRENCY: 'The case changed since you read it',
  DUPLICATE_EVENT_ID: 'Event id already used',
  NOT_FOUND: 'Not found',
  FORBIDDEN: 'Not allowed',
};

/** Maps every error to `application/problem+json`; unexpected ones become a 500 without internals. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(error);
    problem.instance = request.originalUrl;
    if (problem.status >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    response.status(problem.status).type('application/problem+json').json(problem);
  }

  private toProblem(error: unknown): ProblemDetails {
    if (error instanceof TraiettorieError) {
      const problem: ProblemDetails = {
        type: `urn:traiettorie:problem:${error.code.toLowerCase().replaceAll('_', '-')}`,
        title: titleOf[error.code],
        status: statusOf[error.code],
        detail: error.message,
      };
      if (error instanceof ValidationError) problem['errors'] = error.issues;
      if (error instanceof ConcurrencyError) Object.assign(problem, { expectedVersion: error.expected, actualVersion: error.actual });
      return problem;
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse();
      // body-parser's JSON errors arrive as 400 with the parser's message.
      const detail = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? error.message);
      return {
        type: status === 400 ? 'urn:traiettorie:problem:malformed-request' : 'about:blank',
        title: status === 400 ? 'Malformed request' : error.name,
        status,
        detail,
      };
    }
    const parserError = error as { type?: string; status?: number; message?: string };
    if (parserError.type === 'entity.parse.failed' || parserError.status === 400) {
      return { type: 'urn:traiettorie:problem:malformed-request', title: 'Malformed request', status: 400, detail: `the body is not valid JSON` };
    }
    return { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'an unexpected error occurred; it was logged' };
  }
}
