import { Injectable } from '@nestjs/common';
import { adapterOf, ChannelAdapterKind } from '@omnibox/contracts';
import type { CallAction, CallActionResult, CallAdapters } from '../../application/ports';
import { WhatsAppCallAdapter } from '../whatsapp/whatsapp-call-adapter';
import { ApiCallAdapter } from './api-call-adapter';

/** One provider's way of carrying call actions. */
export interface CallAdapter {
  send(action: CallAction): Promise<CallActionResult>;
}

/**
 * Call actions go to the adapter of the channel: a WhatsApp channel connected to the Cloud API uses
 * its Calling API; every other channel the generic `api` adapter (API.md, its `outboundUrl`).
 */
@Injectable()
export class ChannelCallAdapters implements CallAdapters {
  private readonly byAdapter: Partial<Record<ChannelAdapterKind, CallAdapter>>;

  constructor(
    private readonly api: ApiCallAdapter,
    whatsapp: WhatsAppCallAdapter,
  ) {
    this.byAdapter = { http: api, whatsapp_cloud: whatsapp };
  }

  send(action: CallAction): Promise<CallActionResult> {
    return (this.byAdapter[adapterOf(action.channel.config)] ?? this.api).send(action);
  }
}
