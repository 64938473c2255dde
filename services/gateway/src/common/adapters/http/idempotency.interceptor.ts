import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { AppError, conflict, invalidInput } from '@omnibox/platform';
import type { Request, Response } from 'express';
import { from, Observable, of, switchMap, tap } from 'rxjs';
import type { Principal } from '../../../auth/principal';
import { isIdempotencyKey, isWrite, requestFingerprint, retryOf } from '../../domain/idempotency';
import { IdempotencyKeys } from '../redis/idempotency-keys';

/**
 * `Idempotency-Key` on authenticated writes (API.md): the first successful answer is replayed to a
 * retry (with `Idempotent-Replayed: true`) without the write running twice. A retry while the first
 * is still running is 409; the same key with another request is 422.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly keys: IdempotencyKeys) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> | Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const key = request.header('idempotency-key');
    if (key === undefined || !isWrite(request.method) || !request.principal) return next.handle();
    if (!isIdempotencyKey(key)) throw invalidInput('Idempotency-Key', 'must be 1 to 200 letters, digits or _ . : -');
    const caller = request.principal.scope;
    const fingerprint = requestFingerprint(request.method, request.originalUrl, request.body);
    return this.keys.claim(caller, key, fingerprint).then((first) => {
      if (!first) {
        return next.handle().pipe(
          switchMap((body) => from(this.keys.remember(caller, key, fingerprint, body)).pipe(switchMap(() => of(body)))),
          tap({ error: () => void this.keys.forget(caller, key) }),
        );
      }
      const retry = retryOf(first, fingerprint);
      if (retry.outcome === 'key_reused') {
        throw new AppError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request; use a new key for a new request');
      }
      if (retry.outcome === 'in_progress') throw conflict('A request with this Idempotency-Key is still being processed; retry shortly', 'idempotency_request_in_progress');
      context.switchToHttp().getResponse<Response>().setHeader('Idempotent-Replayed', 'true');
      return of(retry.body);
    });
  }
}
