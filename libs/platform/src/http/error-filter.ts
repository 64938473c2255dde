import { ArgumentsHost, Catch, ExceptionFilter, HttpException, NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError, dependencyUnavailable } from '../errors/app-error';
import { isMongoUnavailable } from '../engines/mongo';
import { ObjectTooLargeError, RangeNotSatisfiableError, StorageUnavailableError } from '../storage/storage-errors';
import { getLogger } from '../logging/logger';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'invalid_input',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'rule_violation',
  429: 'rate_limited',
  503: 'dependency_unavailable',
};

/** Turns anything thrown in an HTTP handler into API.md's error shape; never leaks a stack trace. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): unknown {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const allowed = exception instanceof NotFoundException ? methodsOfPath(http.getRequest<Request>()) : [];
    if (allowed.length > 0) {
      // The path exists with other methods: 405 naming them, not 404.
      response.setHeader('Allow', allowed.join(', '));
      sendError(response, new AppError(405, 'method_not_allowed', `${http.getRequest<Request>().method} is not allowed here; use ${allowed.join(', ')}`, { allow: allowed }));
      return undefined;
    }
    sendError(response, exception);
    return undefined;
  }
}

/** The methods the app's routes serve for a request's path (empty when the path is unknown). */
function methodsOfPath(req: Request): string[] {
  type Layer = { route?: { methods: Record<string, boolean> }; match(path: string): unknown };
  const stack = (req.app as unknown as { router?: { stack: Layer[] } }).router?.stack ?? [];
  const methods = new Set<string>();
  for (const layer of stack) {
    if (!layer.route || !layer.match(req.path)) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') methods.add(method.toUpperCase());
  }
  if (methods.has('GET')) methods.add('HEAD');
  return methods.has(req.method) ? [] : [...methods].sort();
}

/** Answers with API.md's error shape (for handlers served outside Nest's router as well). */
export function sendError(response: Response, exception: unknown): void {
  const error = toAppError(exception);
  if (error.status >= 500) getLogger().error({ err: exception }, 'request failed');
  const retryAfter = error.details?.retryAfterSeconds;
  if ((error.status === 429 || error.status === 503) && typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
  response.status(error.status).json(error.toBody());
}

export function toAppError(exception: unknown): AppError {
  if (exception instanceof AppError) return exception;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const raw = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    const message = Array.isArray(raw) ? raw.join('; ') : String(raw ?? exception.message);
    return new AppError(status, CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'error'), message);
  }
  // body-parser failures carry a status and a type but are not HttpExceptions.
  const parserError = exception as { status?: number; type?: string };
  if (parserError && typeof parserError.status === 'number' && parserError.status < 500) {
    if (parserError.type === 'entity.parse.failed') {
      return new AppError(400, 'malformed_json', 'body: the request body is not valid JSON', { field: 'body' });
    }
    if (parserError.type === 'entity.too.large') {
      return new AppError(413, 'payload_too_large', 'body: the request body is too large');
    }
    return new AppError(parserError.status, CODE_BY_STATUS[parserError.status] ?? 'invalid_input', 'body: the request body could not be read');
  }
  // An engine that cannot be reached is a dependency being down, never a fault of the request.
  if (isMongoUnavailable(exception)) return dependencyUnavailable('mongodb');
  // Only the storage port's own error: a refused connection elsewhere (a provider, say) is not the store.
  if (exception instanceof StorageUnavailableError) return dependencyUnavailable('object storage');
  if (exception instanceof ObjectTooLargeError) return new AppError(413, 'payload_too_large', `file: ${exception.message}`, { maxBytes: exception.maxBytes });
  if (exception instanceof RangeNotSatisfiableError) return new AppError(416, 'range_not_satisfiable', exception.message);
  return new AppError(500, 'internal_error', 'Something went wrong on our side; it has been logged');
}
