import { INestApplication } from '@nestjs/common';
import type { Express } from 'express';
import { json } from 'express';
import { correlationMiddleware } from './correlation';
import { HttpErrorFilter } from './error-filter';
import { createValidationPipe } from './validation';

/** The same HTTP behaviour on every service: correlation ids, API.md errors, validated input. */
export function configureHttpApp(app: INestApplication, options: { bodyLimit?: string } = {}) {
  const express = app.getHttpAdapter().getInstance() as Express;
  express.disable('x-powered-by');
  express.set('trust proxy', 'loopback');
  app.use(correlationMiddleware);
  app.use(json({ limit: options.bodyLimit ?? '1mb' }));
  app.useGlobalFilters(new HttpErrorFilter());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
}
