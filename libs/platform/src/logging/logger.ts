import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino, { Logger } from 'pino';
import { currentTraceId } from '../observability/tracing';

/** Per-request / per-event context carried through async calls so every log line can name it. */
export interface RequestContext {
  correlationId: string;
}

const contextStorage = new AsyncLocalStorage<RequestContext>();

export function currentCorrelationId(): string | undefined {
  return contextStorage.getStore()?.correlationId;
}

/** Runs `fn` with a correlation id visible to the logger and to outgoing events and calls. */
export function runWithCorrelation<T>(correlationId: string | undefined, fn: () => T): T {
  return contextStorage.run({ correlationId: correlationId || randomUUID() }, fn);
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
