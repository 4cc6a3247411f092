import { createParamDecorator, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { z } from 'zod';

/** An If-Match header holding a stream version as an ETag (`"3"`, `W/"3"` or `3`); absent means no expectation. */
export const ifMatchHeader = z
  .string()
  .regex(/^(W\/)?"?\d+"?$/, 'an ETag such as "3" from an earlier response')
  .transform((v) => Number(v.replace(/\D/g, '')))
  .optional();

/**
 * The stream version the caller last saw, from its If-Match header, or
 * undefined; a malformed header is refused with 422 naming it.
 */
export const ExpectedVersion = createParamDecorator((_: unknown, context: ExecutionContext): number | undefined =>
  parseOrThrow(ifMatchHeader, context.switchToHttp().getRequest<Request>().headers['if-match'], 'If-Match header'),
);

/** Sets the response's ETag to the `version` the handler answered (a stream version): the value to send back as If-Match. */
@Injectable()
export class VersionETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((body: unknown) => {
        const version = (body as { version?: unknown } | null)?.version;
        if (typeof version === 'number') response.setHeader('ETag', `"${version}"`);
        return body;
      }),
    );
  }
}
