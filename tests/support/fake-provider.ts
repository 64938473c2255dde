import { createHmac } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ProviderCall {
  path: string;
  body: Record<string, unknown>;
  at: number;
  /** What the provider answered. */
  answer?: { status: number; body: unknown };
}

/**
 * A messaging provider we cannot reach from here, played by a real HTTP server on loopback: it
 * receives what the HTTP channel adapter sends and answers as the test tells it to.
 */
export class FakeProvider {
  readonly calls: ProviderCall[] = [];
  private server?: Server;
  private seq = 0;
  /** Answer for the next sends: `ok` returns `{id}`; a status with body makes the provider refuse. */
  answer: (call: ProviderCall) => { status: number; body: unknown } = () => ({ status: 200, body: { id: `prov-${++this.seq}` } });
  /** Pages served under /pages/<name> for link previews. */
  readonly pages = new Map<string, string>();
  /** Files served under /media/<name>, as a provider serves an incoming message's media (CHN-3). */
  readonly media = new Map<string, { contentType: string; body: Buffer }>();

  get url(): string {
    const address = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      if (req.method === 'GET' && req.url?.startsWith('/pages/')) {
        const page = this.pages.get(req.url.slice('/pages/'.length));
        res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
        res.end(page ?? 'not found');
        return;
      }
      if (req.method === 'GET' && req.url?.startsWith('/media/')) {
        const file = this.media.get(decodeURIComponent(req.url.slice('/media/'.length)));
        res.writeHead(file ? 200 : 404, { 'content-type': file?.contentType ?? 'text/plain' });
        res.end(file?.body ?? 'not found');
        return;
      }
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(raw || '{}');
        } catch {
          /* recorded as empty */
        }
        const call: ProviderCall = { path: req.url ?? '/', body, at: Date.now() };
        this.calls.push(call);
        const answer = body.typing !== undefined ? { status: 200, body: {} } : this.answer(call);
        call.answer = answer;
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  sends(): ProviderCall[] {
    return this.calls.filter((call) => call.body.typing === undefined);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** The `X-Channel-Signature` of a raw body (API.md). */
export function sign(secret: string, raw: string): string {
  return `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

/** Posts a signed provider event to the gateway's ingress; answers the HTTP status. */
export async function postProviderEvent(gatewayUrl: string, channel: { id: string; secret: string }, event: unknown): Promise<number> {
  const raw = JSON.stringify(event);
  const res = await fetch(`${gatewayUrl}/v1/channels/${channel.id}/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-channel-signature': sign(channel.secret, raw) }, body: raw });
  await res.text();
  return res.status;
}

let counter = 0;
/** An incoming text message event from a contact known on the channel by `externalId`. */
export function incomingText(externalId: string, text: string, extra: Record<string, unknown> = {}) {
  counter += 1;
  return {
    type: 'message',
    id: `wamid.${Date.now()}.${counter}.${Math.random().toString(36).slice(2, 8)}`,
    timestamp: new Date().toISOString(),
    contact: { externalId, firstName: extra.firstName ?? 'Customer', ...(extra.contact as object) },
    message: { type: 'text', text, ...(extra.message as object) },
    ...(extra.referral ? { referral: extra.referral } : {}),
  };
}
