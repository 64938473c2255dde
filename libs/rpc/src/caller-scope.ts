import { Metadata } from '@grpc/grpc-js';
import { CallHandler, createParamDecorator, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { CallerScope } from '@omnibox/contracts';
import { AppError, runWithCorrelation } from '@omnibox/platform';
import { Observable } from 'rxjs';
import { callerFromMetadata, correlationFromMetadata } from './caller-metadata';

/** Callers verified for the calls in flight, keyed by the call's metadata object. */
const verified = new WeakMap<object, CallerScope>();

/**
 * Runs every gRPC handler of a backend service under the call's correlation id (its logs and the
 * events it publishes carry it) and verifies the caller scope the gateway signed, when the call
 * carries one. Handlers read it with `@Caller()`; a call without a valid scope never reaches them.
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
    return new Observable((subscriber) => runWithCorrelation(correlationId, () => next.handle().subscribe(subscriber)));
  }
}

/** The verified caller of a gRPC call (see CallerScopeInterceptor); 401 when the call carries none. */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): CallerScope => {
  const caller = verified.get(context.switchToRpc().getContext<Metadata>());
  if (!caller) throw new AppError(401, 'caller_missing', 'The call carries no caller identity');
  return caller;
});
