import { Metadata } from '@grpc/grpc-js';
import { CallHandler, createParamDecorator, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { CallerScope } from '@omnibox/contracts';
import { AppError, extractTraceContext, grpcServerDuration, inSpan, runWithCorrelation, SpanKind } from '@omnibox/platform';
import { Observable } from 'rxjs';
import { callerFromMetadata, correlationFromMetadata } from './caller-metadata';

/** Callers verified for the calls in flight, keyed by the call's metadata object. */
const verified = new WeakMap<object, CallerScope>();

/**
 * Runs every gRPC handler of a backend service under the call's correlation id and trace (a server
 * span continuing the caller's, timed in `grpc_server_handling_seconds`), so its logs and the events it
 * publishes carry them, and verifies the caller scope the gateway signed, when the call carries one. Handlers read it with `@Caller()`; a call without a valid scope never reaches them.
 */
@Injectable()
export class CallerScopeInterceptor implements NestInterceptor {
  constructor(private readonly secrets: string[]) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const metadata = context.switchToRpc().getContext<Metadata>();
    let correlationId = correlationFromMetadata(metadata);
    if (metadata?.get('x-omnibox-caller').length) {
      const caller = callerFromMetadata(metadata, this.secrets);
      verified.set(metadata, caller);
      correlationId = caller.correlationId ?? correlationId;
    }
    const [service, method] = [context.getClass().name, context.getHandler().name];
    const parent = extractTraceContext((key) => {
      const value = metadata?.get(key)[0];
      return typeof value === 'string' ? value : undefined;
    });
    return new Observable((subscriber) => {
      const stop = grpcServerDuration.startTimer({ service, method });
      void inSpan(`gRPC ${service}/${method}`, SpanKind.SERVER, { 'rpc.system': 'grpc', 'rpc.method': method }, (span) =>
        new Promise<void>((resolve) => {
          runWithCorrelation(correlationId, () =>
            next.handle().subscribe({
              next: (value) => subscriber.next(value),
              error: (error: unknown) => {
                const status = (error as { status?: number })?.status ?? 500;
                span.setAttribute('rpc.omnibox.status', status);
                stop({ code: String(status) });
                subscriber.error(error);
                resolve();
              },
              complete: () => {
                stop({ code: 'OK' });
                subscriber.complete();
                resolve();
              },
            }),
          );
        }),
        parent,
      );
    });
  }
}

/** The verified caller of a gRPC call (see CallerScopeInterceptor); 401 when the call carries none. */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): CallerScope => {
  const caller = verified.get(context.switchToRpc().getContext<Metadata>());
  if (!caller) throw new AppError(401, 'caller_missing', 'The call carries no caller identity');
  return caller;
});
