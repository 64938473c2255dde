import { Injectable } from '@nestjs/common';
import type { CallAction, CallActionResult, CallAdapters } from '../../application/ports';
import { ApiCallAdapter } from './api-call-adapter';

/** One provider's way of carrying call actions. */
export interface CallAdapter {
  send(action: CallAction): Promise<CallActionResult>;
}

/**
 * Call actions go to the adapter of the channel's type. The generic `api` adapter (API.md) serves every
 * type for now; the WhatsApp Cloud API calling adapter of the real-channels issue plugs in here for
 * `whatsapp` channels.
 */
@Injectable()
export class ChannelCallAdapters implements CallAdapters {
  private readonly byType: Partial<Record<string, CallAdapter>>;

  constructor(private readonly api: ApiCallAdapter) {
    this.byType = { api };
  }

  send(action: CallAction): Promise<CallActionResult> {
    return (this.byType[action.channel.type] ?? this.api).send(action);
  }
}
