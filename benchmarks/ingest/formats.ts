import { createHmac } from 'node:crypto';
import { call, intFromEnv } from '../support/bench';

/** One message of a contact, as the benchmark sends it. */
export interface Inbound {
  id: string;
  /** The contact's number in this run. */
  contact: number;
  /** The contact's identity on the generic ingress (WhatsApp derives a phone number from `contact`). */
  externalId: string;
  text: string;
}

export type FormatName = 'events' | 'whatsapp';

/** How messages reach the gateway: the generic signed ingress, or a provider's own webhook. */
export interface IngressFormat {
  name: string;
  /** Messages one request may carry. */
  batch: number;
  acceptedStatus: number;
  url: string;
  connect(): Promise<void>;
  request(messages: Inbound[]): { body: string; headers: Record<string, string> };
}

const sign = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** API.md's signed events on `/v1/channels/{id}/events`, one per request (202). */
function genericFormat(gatewayUrl: string, token: string): IngressFormat {
  let channel = { id: '', secret: '' };
  return {
    name: 'signed events',
    batch: 1,
    acceptedStatus: 202,
    get url() {
      return `${gatewayUrl}/v1/channels/${channel.id}/events`;
    },
    async connect() {
      channel = (await call('POST', `${gatewayUrl}/v1/channels`, token, { type: 'api', name: 'Bench API' })).body as { id: string; secret: string };
    },
    request([message]) {
      const body = JSON.stringify({
        type: 'message',
        id: message.id,
        timestamp: new Date().toISOString(),
        contact: { externalId: message.externalId, firstName: `Customer ${message.contact}` },
        message: { type: 'text', text: message.text },
      });
      return { body, headers: { 'x-channel-signature': sign(channel.secret, body) } };
    },
  };
}

const PHONE_NUMBER_ID = '100200300400500';
const APP_SECRET = 'bench-whatsapp-app-secret';

/**
 * WhatsApp Cloud API webhooks on `/v1/channels/{id}/webhook` (200), signed with the app secret, the
 * messages of a request as entries of one body, each a `messages` change of one contact's text.
 */
function whatsAppFormat(gatewayUrl: string, token: string): IngressFormat {
  let channelId = '';
  return {
    name: 'WhatsApp Cloud API webhooks',
    batch: intFromEnv('BENCH_WA_BATCH', 10),
    acceptedStatus: 200,
    get url() {
      return `${gatewayUrl}/v1/channels/${channelId}/webhook`;
    },
    async connect() {
      // The API base is never called: the benchmark only receives.
      const config = { phoneNumberId: PHONE_NUMBER_ID, accessToken: 'bench-access-token', appSecret: APP_SECRET, verifyToken: 'bench-verify', apiBaseUrl: 'http://127.0.0.1:9' };
      channelId = ((await call('POST', `${gatewayUrl}/v1/channels`, token, { type: 'whatsapp', name: 'Bench WhatsApp', config })).body as { id: string }).id;
    },
    request(messages) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const entry = messages.map((message) => {
        const waId = String(15550000000 + message.contact);
        return {
          id: 'WABA-BENCH',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550000000', phone_number_id: PHONE_NUMBER_ID },
                contacts: [{ profile: { name: `Customer ${message.contact}` }, wa_id: waId }],
                messages: [{ from: waId, id: `wamid.${message.id}`, timestamp, type: 'text', text: { body: message.text } }],
              },
            },
          ],
        };
      });
      const body = JSON.stringify({ object: 'whatsapp_business_account', entry });
      return { body, headers: { 'x-hub-signature-256': sign(APP_SECRET, body) } };
    },
  };
}

/** `--format=whatsapp` picks the WhatsApp webhooks; the signed generic events otherwise. */
export function formatFromArgs(argv: string[]): FormatName {
  const format = argv.find((arg) => arg.startsWith('--format='))?.slice('--format='.length) ?? 'events';
  if (format !== 'whatsapp' && format !== 'events') throw new Error(`--format must be events or whatsapp, not ${format}`);
  return format;
}

export function ingressFormat(name: FormatName, gatewayUrl: string, token: string): IngressFormat {
  return name === 'whatsapp' ? whatsAppFormat(gatewayUrl, token) : genericFormat(gatewayUrl, token);
}
