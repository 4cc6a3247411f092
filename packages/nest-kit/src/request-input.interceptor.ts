import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ValidationError, type ValidationIssue } from '@traiettorie/contracts';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { ACCEPTED_BODY_TYPES, ProblemException, problemTypes } from './problem-details.filter.js';

/** C0 control characters and DEL, except tab, line feed and carriage return; NUL among them. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** A UTF-16 surrogate without its other half: not a character, and not storable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What every HTTP request must be before a handler sees it, whatever the route:
 * a body, when there is one, is JSON (else 415, naming the accepted type); no
 * text anywhere in body, query or path holds a control character or a lone
 * UTF-16 surrogate (else 422 naming each field and the rule). Such text cannot
 * be stored (PostgreSQL refuses NUL and unpaired surrogates) and is never
 * a legitimate value. Kafka handlers (other contexts) pass untouched.
 */
@Injectable()
export class RequestInputInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<Request>();
      requireJsonBody(request);
      const issues = [
        ...textIssues(request.params, '', 'path'),
        ...textIssues(request.query, '', 'query'),
        ...textIssues(request.body, '', undefined),
      ];
      if (issues.length > 0) throw new ValidationError(issues, 'request');
    }
    return next.handle();
  }
}

function requireJsonBody(request: Request): void {
  // `is` answers null when the request has no body, false when its type is not among these.
  if (request.is([...ACCEPTED_BODY_TYPES, '+json']) !== false) return;
  const received = request.headers['content-type'] ? 'another media type' : 'no Content-Type';
  throw new ProblemException(
    {
      type: problemTypes.unsupportedMediaType,
      title: 'Unsupported Media Type',
      status: 415,
      detail: `the body must be ${ACCEPTED_BODY_TYPES.join(' or ')} (Content-Type: ${ACCEPTED_BODY_TYPES[0]}); the request had ${received}`,
      accepted: [...ACCEPTED_BODY_TYPES],
    },
    { 'Accept-Post': ACCEPTED_BODY_TYPES.join(', ') },
  );
}

/** Issues for every string (value or key) below `value` that is not well-formed text; values are never quoted. */
export function textIssues(value: unknown, path: string, location: 'path' | 'query' | undefined): ValidationIssue[] {
  const at = (p: string) => (location ? `${location}${p ? `.${p}` : ''}` : p);
  if (typeof value === 'string') {
    const issue = textIssue(value);
    return issue ? [{ path: at(path), ...issue }] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  const issues: ValidationIssue[] = [];
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const keyIssue = textIssue(key);
    // A key is named by its place, never by its text: it may be personal data too.
    if (keyIssue) issues.push({ path: at(path), ...keyIssue, message: `a field name ${keyIssue.message}` });
    else issues.push(...textIssues(item, path ? `${path}.${key}` : key, location));
  }
  return issues;
}

function textIssue(text: string): Omit<ValidationIssue, 'path'> | undefined {
  if (LONE_SURROGATE.test(text)) {
    return { rule: 'well-formed-unicode', message: 'must be well-formed Unicode text (no unpaired UTF-16 surrogate)', received: `string of length ${text.length}` };
  }
  if (CONTROL_CHARACTERS.test(text)) {
    return { rule: 'no-control-characters', message: 'must not contain control characters such as NUL (tab and line breaks are allowed)', received: `string of length ${text.length}` };
  }
  return undefined;
}
