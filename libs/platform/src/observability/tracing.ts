import { context, Context, propagation, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOffSampler, BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

let provider: TracerProvider | undefined;
let contextManager: AsyncLocalStorageContextManager | undefined;
/** Whether spans are recorded and exported (OTEL_EXPORTER_OTLP_ENDPOINT set). */
let exporting = false;

/**
 * Traces follow a request from the gateway through gRPC metadata and NATS headers into every consumer
 * (W3C `traceparent`). Spans are always made, so every log line has a trace id; they are recorded and
 * exported over OTLP/HTTP only when `OTEL_EXPORTER_OTLP_ENDPOINT` is set (the collector's base URL).
 * Without it a span is only its context (ids, no attributes or timings): recording spans nobody reads
 * cost a few per cent of every service's CPU. One tracer provider per process: the first service
 * started in a process names it.
 */
export function startTracing(service: string, endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT): void {
  if (provider) return;
  exporting = Boolean(endpoint);
  const spanProcessors = endpoint ? [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }), scheduledDelayMillis: 500 })] : [];
  provider = new TracerProvider({ resource: resourceFromAttributes({ 'service.name': service }), spanProcessors, ...(endpoint ? {} : { sampler: new AlwaysOffSampler() }) });
  trace.setGlobalTracerProvider(provider);
  ensureContextManager();
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}

/**
 * The one AsyncLocalStorage of a process: OpenTelemetry's context, which carries the active span and
 * the correlation id (`runWithCorrelation`) alike. Each AsyncLocalStorage enabled costs a hook call on
 * every promise made, so the correlation id is not given a second one.
 */
export function ensureContextManager(): void {
  if (contextManager) return;
  contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
}

/** Sends the spans still buffered (graceful shutdown). */
export async function stopTracing(): Promise<void> {
  await provider?.forceFlush().catch(() => undefined);
}

const tracer = () => trace.getTracer('omnibox');

/** The current trace id (for log lines), if a span is active. */
export function currentTraceId(): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}

/** Writes the active trace context into a carrier (gRPC metadata, NATS headers, HTTP headers). */
export function injectTraceContext(set: (key: string, value: string) => void): void {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  for (const [key, value] of Object.entries(carrier)) set(key, value);
}

/** The context a carrier's `traceparent` describes (or the active one when it has none). */
export function extractTraceContext(get: (key: string) => string | undefined): Context {
  const carrier: Record<string, string> = {};
  for (const key of ['traceparent', 'tracestate']) {
    const value = get(key);
    if (value) carrier[key] = value;
  }
  return propagation.extract(context.active(), carrier);
}

/**
 * Runs `fn` inside a new span (a child of `parent`, or of the active span), ends it when `fn` settles
 * and records a failure on it. When spans are not exported and a trace is already under way, `fn` runs
 * in that trace's span instead: a new span would carry nothing but fresh ids (OpenTelemetry was 3 % of
 * the contacts service's busy time on contact reads, mostly making them), and log lines keep the trace
 * id.
 */
export function inSpan<T>(name: string, kind: SpanKind, attributes: Record<string, string | number | boolean>, fn: (span: Span) => Promise<T>, parent?: Context): Promise<T> {
  if (!exporting) {
    const within = parent ?? context.active();
    const current = trace.getSpan(within);
    if (current && trace.isSpanContextValid(current.spanContext())) return parent ? context.with(parent, () => fn(current)) : fn(current);
  }
  return tracer().startActiveSpan(name, { kind, attributes }, parent ?? context.active(), async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
      throw error;
    } finally {
      span.end();
    }
  });
}

export { SpanKind };
