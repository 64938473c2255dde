import { Inject, Injectable } from '@nestjs/common';
import { AppError, dependencyUnavailable, getLogger, ruleViolation } from '@omnibox/platform';
import type { CallState } from '../domain/call';
import { CALL_ADAPTERS, CallActionName, CallAdapters, CHANNELS, Channels } from './ports';

/**
 * Agents' actions reach the provider through the channel's adapter (API.md: the generic `api` adapter
 * POSTs them to the channel's `outboundUrl`). A provider that cannot be reached answers 503 (retry);
 * one that refuses answers 422 with its own words.
 */
@Injectable()
export class ProviderActions {
  constructor(
    @Inject(CHANNELS) private readonly channels: Channels,
    @Inject(CALL_ADAPTERS) private readonly adapters: CallAdapters,
  ) {}

  /** Tells the provider; answers its id of the call when it gives one. */
  async tell(call: CallState, action: CallActionName, on?: boolean): Promise<string | null> {
    const channel = await this.channels.find(call.workspaceId, call.channelId);
    if (!channel) throw ruleViolation('channel_unknown', 'The call’s channel is not known here yet; retry in a moment');
    const result = await this.adapters.send({ callId: call.id, providerCallId: call.providerCallId, channel, contact: { ...call.contact, externalId: call.externalId }, action, on });
    if (result.ok) return result.providerCallId;
    if (result.retryable) throw dependencyUnavailable('the call provider', { providerError: result.error });
    throw ruleViolation('provider_refused', `The call provider refused: ${result.error}`);
  }

  /** For what the platform does on its own (a call at its maximum duration): a failure is logged, never raised. */
  async tellQuietly(call: CallState, action: CallActionName): Promise<void> {
    try {
      await this.tell(call, action);
    } catch (error) {
      getLogger().warn({ err: error instanceof AppError ? error.message : error, callId: call.id, action }, 'the call provider was not told');
    }
  }
}
