import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { AppError, conflict, dependencyUnavailable, invalidInput, REDIS, RedisHandle } from '@omnibox/platform';
import type { Request, Response } from 'express';
import { from, Observable, of, switchMap, tap } from 'rxjs';
import type { Principal } from '../auth/principal';

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,200}$/;
const KEEP_SECONDS = 24 * 3600;
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

interface Remembered {
  state: 'pending' | 'done';
  request: string;
  body?: unknown;
}

/**
 * API.md: "Writes that clients may retry accept `Idempotency-Key`; the same key returns the first
 * result." The first successful answer is kept in Redis for 24 h per caller and key; a retry gets it
 * again (with `Idempotent-Replayed: true`) without the write running twice. A retry while the first is
 * still running is 409; the same key with another request is 422. A failed write is forgotten, so its
 * retry runs again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(REDIS) private readonly handle: RedisHandle) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> | Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const key = request.header('idempotency-key');
    if (key === undefined || !WRITE_METHODS.has(request.method) || !request.principal) return next.handle();
    if (!KEY_PATTERN.test(key)) throw invalidInput('Idempotency-Key', 'must be 1 to 200 letters, digits or _ . : -');
    const scope = request.principal.scope;
    const fingerprint = createHash('sha256').update(JSON.stringify([request.method, request.originalUrl, request.body ?? null])).digest('base64url');
    const slot = `gw:idem:${scope.workspaceId}:${scope.principalId}:${createHash('sha256').update(key).digest('base64url')}`;
    return this.claim(slot, fingerprint).then((earlier) => {
      if (earlier) {
        context.switchToHttp().getResponse<Response>().setHeader('Idempotent-Replayed', 'true');
        return of(earlier.body);
      }
      return next.handle().pipe(
        switchMap((body) => from(this.remember(slot, { state: 'done', request: fingerprint, body })).pipe(switchMap(() => of(body)))),
        tap({ error: () => void this.handle.redis.del(slot).catch(() => undefined) }),
      );
    });
  }

  /** Takes the slot for this request, or answers the remembered result of the first one. */
  private async claim(slot: string, fingerprint: string): Promise<Remembered | undefined> {
    const redis = this.handle.redis;
    let taken: string | null;
    try {
      taken = await redis.set(slot, JSON.stringify({ state: 'pending', request: fingerprint } satisfies Remembered), 'EX', KEEP_SECONDS, 'NX');
      if (taken) return undefined;
      const raw = await redis.get(slot);
      if (!raw) return this.claim(slot, fingerprint); // expired or forgotten in between
      const earlier = JSON.parse(raw) as Remembered;
      if (earlier.request !== fingerprint) {
        throw new AppError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request; use a new key for a new request');
      }
      if (earlier.state === 'pending') throw conflict('A request with this Idempotency-Key is still being processed; retry shortly', 'idempotency_request_in_progress');
      return earlier;
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw dependencyUnavailable('redis');
    }
  }

  private async remember(slot: string, value: Remembered): Promise<void> {
    await this.handle.redis.set(slot, JSON.stringify(value), 'EX', KEEP_SECONDS).catch(() => undefined);
  }
}
