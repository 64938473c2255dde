import { INestApplication } from '@nestjs/common';
import type { Express, NextFunction, Request, Response } from 'express';
import { json } from 'express';
import helmet from 'helmet';
import { correlationMiddleware } from './correlation';
import { httpObservabilityMiddleware } from '../observability/http-observability';
import { HttpErrorFilter, toAppError } from './error-filter';
import { createValidationPipe } from './validation';
import { inputPolicyMiddleware, refuseDeepJson } from './input-policy';

/** The same HTTP behaviour on every service: correlation ids, API.md errors, validated input. */
export function configureHttpApp(app: INestApplication, options: { bodyLimit?: string; errorFilter?: HttpErrorFilter; corsOrigins?: string[]; trustProxy?: string[] } = {}) {
  const express = app.getHttpAdapter().getInstance() as Express;
  express.disable('x-powered-by');
  // API answers are not revalidated by clients; hashing every body for an ETag is wasted work.
  express.set('etag', false);
  // Whose X-Forwarded-For names the client (request.ip, used by the per-address rate limits).
  express.set('trust proxy', options.trustProxy?.length ? options.trustProxy : 'loopback');
  // Security headers; the policy lets the interactive API docs (/docs) load their own scripts and styles.
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'", "'unsafe-inline'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] } },
      crossOriginResourcePolicy: { policy: options.corsOrigins?.length ? 'cross-origin' : 'same-origin' },
    }),
  );
  // Answers are per caller (and carry tokens on sign-in): nothing may be cached by a browser or a proxy.
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // Browser apps on other origins: only the allow-listed ones, with the headers clients read.
  if (options.corsOrigins?.length) {
    app.enableCors({ origin: options.corsOrigins, methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'], allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Correlation-Id'], exposedHeaders: ['X-Correlation-Id', 'Retry-After', 'Location'], maxAge: 600 });
  }
  app.use(httpObservabilityMiddleware);
  app.use(correlationMiddleware);
  // The raw bytes stay on the request for routes that verify a signature over them (channel ingress).
  // Too deep JSON is refused on the raw bytes, before it is parsed (see input-policy.ts).
  const parseJson = json({
    limit: options.bodyLimit ?? '1mb',
    verify: (req, _res, buffer) => {
      refuseDeepJson(buffer);
      (req as Request & { rawBody?: Buffer }).rawBody = buffer;
    },
  });
  // Body-parser errors become API errors here; otherwise Nest turns bad JSON into a generic 400.
  app.use((req: Request, res: Response, next: NextFunction) => parseJson(req, res, (error?: unknown) => next(error ? toAppError(error) : undefined)));
  app.use(inputPolicyMiddleware);
  app.useGlobalFilters(options.errorFilter ?? new HttpErrorFilter());
  app.useGlobalPipes(createValidationPipe());
  // Signals are handled by runService, which closes the app and then exits (see run-service.ts).
}
