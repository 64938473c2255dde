import { outboundGuards, OutboundGuard } from '@omnibox/platform';
import { CallsConfig, listOf } from '../../config';

/** Where provider requests may go (call actions, recordings): the `configured` guard of the platform. */
export const OUTBOUND_GUARD = Symbol('OutboundGuard');

export function outboundGuardOf(config: CallsConfig): OutboundGuard {
  const profile = config.NODE_ENV as 'production' | 'development' | 'test';
  return outboundGuards({ profile, allowHosts: listOf(config.OUTBOUND_ALLOW_HOSTS), allowCidrs: listOf(config.OUTBOUND_ALLOW_CIDRS) }).configured;
}
