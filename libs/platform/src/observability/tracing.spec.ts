import { currentTraceId, injectTraceContext, inSpan, SpanKind, startTracing } from './tracing';

describe('tracing without a collector (no OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  beforeAll(() => startTracing('tracing-spec', ''));

  it('still gives every span a trace id for the log lines and passes it on in `traceparent`', async () => {
    const seen = await inSpan('HTTP GET', SpanKind.SERVER, { 'url.path': '/v1/me' }, async () => {
      const headers: Record<string, string> = {};
      injectTraceContext((key, value) => (headers[key] = value));
      return { traceId: currentTraceId(), traceparent: headers.traceparent };
    });
    expect(seen.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(seen.traceparent).toContain(seen.traceId);
  });

  it('gives a span started inside another the same trace id', async () => {
    const [outer, inner] = await inSpan('outer', SpanKind.SERVER, {}, async () => [currentTraceId(), await inSpan('inner', SpanKind.CLIENT, {}, async () => currentTraceId())]);
    expect(inner).toBe(outer);
  });
});
