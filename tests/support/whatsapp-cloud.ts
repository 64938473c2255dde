import { createHmac } from 'node:crypto';
import { Answer, HttpStandIn, Received } from './http-stand-in';

export const GRAPH_VERSION = 'v23.0';

/**
 * The WhatsApp Cloud API on loopback, in its documented format: `POST /{version}/{phone-number-id}/messages`
 * answers `{messaging_product, contacts, messages: [{id}]}` (or the Graph error `fail` says), `…/calls`
 * answers `{messaging_product, calls: [{id}]}` or `{success: true}`, and `GET /{version}/{media-id}`
 * answers the media's URL, which a media host serves only with the bearer token.
 */
export class WhatsAppCloud {
  readonly api: HttpStandIn;
  /** Files by media id; `mediaHost` serves their bytes. */
  readonly media = new Map<string, { contentType: string; body: Buffer }>();
  readonly mediaHost: HttpStandIn;
  /** When set, the messages endpoint answers this instead of accepting. */
  fail: ((request: Received) => Answer | null) | null = null;
  private seq = 0;

  constructor(
    readonly phoneNumberId: string,
    readonly accessToken: string,
  ) {
    this.api = new HttpStandIn((request) => this.answer(request));
    this.mediaHost = new HttpStandIn((request) => this.file(request));
  }

  get url(): string {
    return this.api.url;
  }

  async start(): Promise<this> {
    await Promise.all([this.api.start(), this.mediaHost.start()]);
    return this;
  }

  async stop(): Promise<void> {
    await Promise.all([this.api.stop(), this.mediaHost.stop()]);
  }

  /** What was posted to `/messages` (sends, read receipts, typing), oldest first. */
  messages(): any[] {
    return this.api.received.filter((r) => r.method === 'POST' && r.path === `/${GRAPH_VERSION}/${this.phoneNumberId}/messages`).map((r) => r.body);
  }

  sends(): any[] {
    return this.messages().filter((body) => body.status === undefined);
  }

  /** The id the API answered for the first send `which` picks. */
  sentId(which: (body: any) => boolean): string | undefined {
    const request = this.api.received.find((r) => r.path === `/${GRAPH_VERSION}/${this.phoneNumberId}/messages` && which(r.body));
    return (request?.answer?.body as { messages?: Array<{ id: string }> } | undefined)?.messages?.[0]?.id;
  }

  calls(): any[] {
    return this.api.received.filter((r) => r.path === `/${GRAPH_VERSION}/${this.phoneNumberId}/calls`).map((r) => r.body);
  }

  private answer(request: Received): Answer {
    if (request.headers.authorization !== `Bearer ${this.accessToken}`) return { status: 401, body: { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } } };
    const [, version, target, action] = request.path.split('?')[0].split('/');
    if (version !== GRAPH_VERSION) return { status: 400, body: { error: { message: 'Unknown version', code: 100 } } };
    if (request.method === 'GET' && this.media.has(target)) {
      const file = this.media.get(target)!;
      return { status: 200, body: { messaging_product: 'whatsapp', url: `${this.mediaHost.url}/files/${target}`, mime_type: file.contentType, sha256: 'x', file_size: file.body.length, id: target } };
    }
    if (request.method === 'POST' && target === this.phoneNumberId && action === 'messages') {
      if (request.body.status === 'read') return { status: 200, body: { success: true } };
      const refused = this.fail?.(request);
      if (refused) return refused;
      return { status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: request.body.to, wa_id: request.body.to }], messages: [{ id: `wamid.OUT.${++this.seq}` }] } };
    }
    if (request.method === 'POST' && target === this.phoneNumberId && action === 'calls') {
      return { status: 200, body: request.body.action === 'connect' ? { messaging_product: 'whatsapp', calls: [{ id: `wacid.OUT.${++this.seq}` }] } : { success: true } };
    }
    return { status: 404, body: { error: { message: 'Unsupported request', code: 100 } } };
  }

  private file(request: Received): Answer {
    const id = request.path.replace('/files/', '');
    const file = this.media.get(id);
    if (!file || request.headers.authorization !== `Bearer ${this.accessToken}`) return { status: 404, body: 'not found', contentType: 'text/plain' };
    return { status: 200, body: file.body, contentType: file.contentType };
  }
}

/** A Cloud API webhook body for one phone number: `changes` of field `messages` or `calls`. */
export function webhookBody(phoneNumberId: string, field: 'messages' | 'calls', value: Record<string, unknown>) {
  return { object: 'whatsapp_business_account', entry: [{ id: 'WABA-1', changes: [{ field, value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550000000', phone_number_id: phoneNumberId }, ...value } }] }] };
}

/** An incoming message of a contact, as `value` of a `messages` change. */
export function inboundValue(waId: string, name: string, message: Record<string, unknown>) {
  return { contacts: [{ profile: { name }, wa_id: waId }], messages: [{ from: waId, ...message }] };
}

export const unixSeconds = (ms: number) => String(Math.floor(ms / 1000));

/** Posts a webhook body signed with the app secret (`X-Hub-Signature-256`); answers the HTTP status. */
export async function postWebhook(gatewayUrl: string, channelId: string, appSecret: string, body: unknown): Promise<number> {
  const raw = JSON.stringify(body);
  const signature = `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
  const res = await fetch(`${gatewayUrl}/v1/channels/${channelId}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body: raw });
  await res.text();
  return res.status;
}
