import { Answer, HttpStandIn, Received } from './http-stand-in';

/**
 * The Telegram Bot API on loopback, in its documented format: `POST /bot<token>/<method>` answers
 * `{ok: true, result}` (`setWebhook`, `sendMessage`, `sendPhoto`, `sendDocument`, `sendChatAction`,
 * `getFile`) or `{ok: false, error_code, description}`; files are served at `/file/bot<token>/<path>`.
 */
export class TelegramBotApi {
  readonly api: HttpStandIn;
  /** Files by file id, each at its `file_path`. */
  readonly files = new Map<string, { path: string; contentType: string; body: Buffer }>();
  /** When set, sending methods answer this instead of accepting. */
  fail: ((request: Received) => Answer | null) | null = null;
  private seq = 1000;

  constructor(readonly botToken: string) {
    this.api = new HttpStandIn((request) => this.answer(request));
  }

  get url(): string {
    return this.api.url;
  }

  async start(): Promise<this> {
    await this.api.start();
    return this;
  }

  stop(): Promise<void> {
    return this.api.stop();
  }

  /** Calls of a method, their parameters oldest first. */
  calls(method: string): any[] {
    return this.api.received.filter((r) => r.path === `/bot${this.botToken}/${method}`).map((r) => r.body);
  }

  /** The message_id Telegram answered for the first send `which` picks. */
  sentMessageId(method: string, which: (parameters: any) => boolean): number | undefined {
    const request = this.api.received.find((r) => r.path === `/bot${this.botToken}/${method}` && which(r.body));
    return (request?.answer?.body as { result?: { message_id: number } } | undefined)?.result?.message_id;
  }

  private answer(request: Received): Answer {
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(request.path);
    if (file) {
      const found = file[1] === this.botToken ? [...this.files.values()].find((entry) => entry.path === file[2]) : undefined;
      return found ? { status: 200, body: found.body, contentType: found.contentType } : { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } };
    }
    const call = /^\/bot([^/]+)\/(\w+)$/.exec(request.path);
    if (!call || call[1] !== this.botToken) return { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } };
    const method = call[2];
    const params = request.body;
    if (method === 'setWebhook') return { status: 200, body: { ok: true, result: true, description: 'Webhook was set' } };
    if (method === 'sendChatAction') return { status: 200, body: { ok: true, result: true } };
    if (method === 'getFile') {
      const found = this.files.get(params.file_id);
      return found ? { status: 200, body: { ok: true, result: { file_id: params.file_id, file_unique_id: `u${params.file_id}`, file_size: found.body.length, file_path: found.path } } } : { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' } };
    }
    if (['sendMessage', 'sendPhoto', 'sendDocument', 'sendVideo', 'sendAudio'].includes(method)) {
      const refused = this.fail?.(request);
      if (refused) return refused;
      return { status: 200, body: { ok: true, result: { message_id: ++this.seq, date: Math.floor(Date.now() / 1000), chat: { id: Number(params.chat_id), type: 'private' }, ...(params.text ? { text: params.text } : {}) } } };
    }
    return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found: method not found' } };
  }
}

/** Posts a Telegram `Update` with the secret token header; answers the HTTP status. */
export async function postUpdate(gatewayUrl: string, channelId: string, secretToken: string, update: unknown): Promise<number> {
  const res = await fetch(`${gatewayUrl}/v1/channels/${channelId}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secretToken }, body: JSON.stringify(update) });
  await res.text();
  return res.status;
}
