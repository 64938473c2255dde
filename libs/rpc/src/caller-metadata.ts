import { createHmac, timingSafeEqual } from 'node:crypto';
import { Metadata } from '@grpc/grpc-js';
import { CallerScope } from '@omnibox/contracts';
import { AppError } from '@omnibox/platform';

const CALLER_KEY = 'x-omnibox-caller';
const SIGNATURE_KEY = 'x-omnibox-caller-sig';
const CORRELATION_KEY = 'x-correlation-id';

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/**
 * Puts the caller's identity and visibility scope on a gRPC call, signed with the internal secret so
 * that a service only trusts scopes the gateway issued.
 */
export function callerMetadata(caller: CallerScope, secret: string): Metadata {
  const metadata = new Metadata();
  const payload = Buffer.from(JSON.stringify(caller)).toString('base64url');
  metadata.set(CALLER_KEY, payload);
  metadata.set(SIGNATURE_KEY, sign(payload, secret));
  if (caller.correlationId) metadata.set(CORRELATION_KEY, caller.correlationId);
  return metadata;
}

/**
 * Reads and verifies the caller of an incoming call; a missing or forged scope is refused (401).
 * Several secrets are accepted while the internal secret is being rotated (current first).
 */
export function callerFromMetadata(metadata: Metadata | undefined, secrets: string | string[]): CallerScope {
  const payload = metadata?.get(CALLER_KEY)[0];
  const signature = metadata?.get(SIGNATURE_KEY)[0];
  if (typeof payload !== 'string' || typeof signature !== 'string') {
    throw new AppError(401, 'caller_missing', 'The call carries no caller identity');
  }
  const given = Buffer.from(signature);
  const signedByUs = ([] as string[]).concat(secrets).some((secret) => {
    const expected = Buffer.from(sign(payload, secret));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!signedByUs) {
    throw new AppError(401, 'caller_forged', 'The caller identity is not signed by the gateway');
  }
  const caller = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as CallerScope;
  if (!caller.workspaceId || !caller.principalId || !caller.role) {
    throw new AppError(401, 'caller_invalid', 'The caller identity is incomplete');
  }
  return caller;
}

export function correlationFromMetadata(metadata: Metadata | undefined): string | undefined {
  const value = metadata?.get(CORRELATION_KEY)[0];
  return typeof value === 'string' ? value : undefined;
}
