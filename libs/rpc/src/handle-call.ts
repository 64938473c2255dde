import { Metadata } from '@grpc/grpc-js';
import { CallerScope } from '@omnibox/contracts';
import { runWithCorrelation } from '@omnibox/platform';
import { callerFromMetadata, correlationFromMetadata } from './caller-metadata';

/**
 * How a service's gRPC handler starts: verify the caller scope the gateway signed (401 otherwise) and
 * run the handler under the request's correlation id, so its logs and events carry it.
 */
export function withCaller<T>(metadata: Metadata | undefined, secret: string, handler: (caller: CallerScope) => Promise<T>): Promise<T> {
  const caller = callerFromMetadata(metadata, secret);
  return runWithCorrelation(caller.correlationId ?? correlationFromMetadata(metadata), () => handler(caller));
}

/** The scope a service uses when it calls another service on its own behalf (not for a user). */
export function systemCaller(workspaceId: string, service: string): CallerScope {
  return { workspaceId, principalId: `system:${service}`, kind: 'api', role: 'manager', restriction: 'none', teamIds: [], teamMemberIds: [], canViewBlocked: true };
}
