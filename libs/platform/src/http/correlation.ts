import type { NextFunction, Request, Response } from 'express';
import { currentCorrelationId, getLogger, runWithCorrelation } from '../logging/logger';

const HEADER = 'x-correlation-id';
const VALID_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives each request a correlation id (the caller's `X-Correlation-Id` if well formed), echoes it back,
 * and logs one line per finished request. The query string is left out so that `?token=` never lands
 * in a log.
 */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction) {
  const incoming = req.header(HEADER);
  runWithCorrelation(incoming && VALID_ID.test(incoming) ? incoming : undefined, () => {
    res.setHeader('X-Correlation-Id', currentCorrelationId() as string);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      if (req.path.startsWith('/health/')) return;
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      getLogger().info(
        { method: req.method, path: req.path, status: res.statusCode, durationMs: Math.round(durationMs * 10) / 10 },
        'request',
      );
    });
    next();
  });
}
