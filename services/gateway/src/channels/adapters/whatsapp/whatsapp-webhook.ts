import { Injectable } from '@nestjs/common';
import type { ChannelCredentials, ProviderEvent } from '@omnibox/contracts';
import { invalidInput } from '@omnibox/platform';
import type { ProviderWebhook, WebhookRequest } from '../../application/ports';
import type { Channel } from '../../domain/channel';
import { hubSignatureMatches, verificationChallenge } from '../../domain/webhook-verification';
import { isObject, Json, listAt, objectAt, textAt } from '../webhook-json';
import { callStatusEvent, callWebhookEvent } from './calls.parser';
import { messageEvent, statusEvent } from './messages.parser';

/**
 * The WhatsApp Cloud API webhook (see README.md): `{object: "whatsapp_business_account", entry: [{changes:
 * [{field: "messages" | "calls", value}]}]}`, signed with the app secret. A body may batch several
 * entries, changes, messages and statuses; each becomes one provider event, in the order sent.
 */
@Injectable()
export class WhatsAppWebhook implements ProviderWebhook {
  authentic(_channel: Channel, credentials: ChannelCredentials, request: WebhookRequest): boolean {
    return credentials.kind === 'whatsapp_cloud' && hubSignatureMatches(credentials.appSecret, request.rawBody, request.header('x-hub-signature-256'));
  }

  challenge(credentials: ChannelCredentials, query: Record<string, unknown>): string | null {
    return credentials.kind === 'whatsapp_cloud' ? verificationChallenge(query, credentials.verifyToken) : null;
  }

  events(channel: Channel, body: unknown): ProviderEvent[] {
    if (!isObject(body) || body.object !== 'whatsapp_business_account') throw invalidInput('object', 'must be "whatsapp_business_account"');
    if (!Array.isArray(body.entry)) throw invalidInput('entry', 'must be a list');
    const receivedAt = new Date().toISOString();
    const events: ProviderEvent[] = [];
    for (const entry of body.entry) {
      for (const change of listAt(entry, 'changes')) {
        const value = objectAt(change, 'value');
        // Another number of the same business account: not this channel's.
        const number = textAt(objectAt(value, 'metadata'), 'phone_number_id');
        if (!value || (number && channel.config.phoneNumberId && number !== channel.config.phoneNumberId)) continue;
        events.push(...changeEvents(textAt(change, 'field'), value, receivedAt));
      }
    }
    return events;
  }
}

function changeEvents(field: string | undefined, value: Json, receivedAt: string): ProviderEvent[] {
  const profiles = listAt(value, 'contacts').filter(isObject);
  const found: Array<ProviderEvent | null> = [];
  if (field === 'messages') {
    found.push(...listAt(value, 'messages').map((message) => messageEvent(message, profiles, receivedAt)));
    found.push(...listAt(value, 'statuses').map((status) => statusEvent(status, receivedAt)));
  } else if (field === 'calls') {
    found.push(...listAt(value, 'calls').map((call) => callWebhookEvent(call, profiles, receivedAt)));
    found.push(...listAt(value, 'statuses').map((status) => callStatusEvent(status, receivedAt)));
  }
  return found.filter((event): event is ProviderEvent => event !== null);
}
