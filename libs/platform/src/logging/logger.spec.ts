import { setTimeout as sleep } from 'node:timers/promises';
import { currentTraceId, inSpan, SpanKind, startTracing } from '../observability/tracing';
import { currentCorrelationId, runWithCorrelation } from './logger';

// The correlation id rides on the same context as the active span (one AsyncLocalStorage per process).
describe('correlation ids (every log line, event and call of one request names it)', () => {
  beforeAll(() => startTracing('logger-spec', ''));

  it('keeps a request its own id across awaits and timers while other requests run beside it', async () => {
    const seen = await Promise.all(
      ['req-a', 'req-b', 'req-c'].map((id, index) =>
        runWithCorrelation(id, async () => {
          await sleep(5 * (3 - index));
          await Promise.resolve();
          return currentCorrelationId();
        }),
      ),
    );
    expect(seen).toEqual(['req-a', 'req-b', 'req-c']);
    expect(currentCorrelationId()).toBeUndefined();
  });

  it('makes up an id for a request that brought none', () => {
    expect(runWithCorrelation(undefined, () => currentCorrelationId())).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps the id inside a span, and the span its trace id inside a correlated run', async () => {
    const inside = await runWithCorrelation('req-span', () => inSpan('consume', SpanKind.CONSUMER, {}, async () => ({ correlationId: currentCorrelationId(), traceId: currentTraceId() })));
    expect(inside.correlationId).toBe('req-span');
    const traced = await inSpan('HTTP GET', SpanKind.SERVER, {}, async () => {
      const traceId = currentTraceId();
      return runWithCorrelation('req-nested', async () => ({ before: traceId, after: currentTraceId(), correlationId: currentCorrelationId() }));
    });
    expect(traced.correlationId).toBe('req-nested');
    expect(traced.before).toMatch(/^[0-9a-f]{32}$/);
    expect(traced.after).toBe(traced.before);
  });
});
