import { OutboundGuard, outboundGuardsOf } from '@omnibox/platform';
import type { CallsConfig } from '../../config';

/**
 * Where provider requests may go (call actions, recordings): the `configured` outbound guard of the
 * platform (DEPLOYMENT_PROFILE, OUTBOUND_ALLOW_HOSTS, OUTBOUND_ALLOW_CIDRS).
 */
export const OUTBOUND_GUARD = Symbol('OutboundGuard');

export function outboundGuardOf(config: CallsConfig): OutboundGuard {
  return outboundGuardsOf(config).configured;
}
