import { INestApplication } from '@nestjs/common';
import type { Express, NextFunction, Request, Response } from 'express';
import { json } from 'express';
import { correlationMiddleware } from './correlation';
import { httpObservabilityMiddleware } from '../observability/http-observability';
import { HttpErrorFilter, toAppError } from './error-filter';
import { createValidationPipe } from './validation';
import { inputPolicyMiddleware, refuseDeepJson } from './input-policy';

/** The same HTTP behaviour on every service: correlation ids, API.md errors, validated input. */
export function configureHttpApp(app: INestApplication, options: { bodyLimit?: string; errorFilter?: HttpErrorFilter } = {}) {
  const express = app.getHttpAdapter().getInstance() as Express;
  express.disable('x-powered-by');
  // API answers are not revalidated by clients; hashing every body for an ETag is wasted work.
  express.set('etag', false);
  express.set('trust proxy', 'loopback');
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
