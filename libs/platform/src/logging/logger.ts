import { randomUUID } from 'node:crypto';
import { context, createContextKey } from '@opentelemetry/api';
import pino, { Logger } from 'pino';
import { currentTraceId, ensureContextManager } from '../observability/tracing';

/** Per-request / per-event context carried through async calls so every log line can name it. */
export interface RequestContext {
  correlationId: string;
}

/** Where the correlation id sits in the active OpenTelemetry context (see `ensureContextManager`). */
const CORRELATION = createContextKey('omnibox.correlation');

export function currentCorrelationId(): string | undefined {
  return (context.active().getValue(CORRELATION) as RequestContext | undefined)?.correlationId;
}

/** Runs `fn` with a correlation id visible to the logger and to outgoing events and calls. */
export function runWithCorrelation<T>(correlationId: string | undefined, fn: () => T): T {
  ensureContextManager();
  const request: RequestContext = { correlationId: correlationId || randomUUID() };
  return context.with(context.active().setValue(CORRELATION, request), fn);
}

/** Paths whose values never reach a log line. */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'passwordHash',
  '*.passwordHash',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-channel-signature"]',
  'headers.authorization',
];

let root: Logger | undefined;

/** One JSON logger per process; the service name, correlation id and trace id are on every line. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  root = pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    mixin: () => {
      const correlationId = currentCorrelationId();
      const traceId = currentTraceId();
      return { ...(correlationId ? { correlationId } : {}), ...(traceId ? { traceId } : {}) };
    },
  });
  return root;
}

export function getLogger(): Logger {
  return root ?? createLogger(process.env.SERVICE_NAME ?? 'omnibox', process.env.LOG_LEVEL ?? 'info');
}
