import { createInbox, headers as natsHeaders, Msg, MsgHdrs, NatsConnection, NatsError, Subscription } from 'nats';

/** JetStream's answer to a publish it stored. */
export interface PublishAck {
  stream: string;
  seq: number;
  /** The message id was seen within the stream's duplicate window: nothing was stored. */
  duplicate: boolean;
}

/** JetStream did not store the message: no stream took the subject, it refused it, or it did not answer in time. */
export class PublishFailed extends Error {
  override readonly name = 'PublishFailed';
}

interface Waiting {
  resolve: (ack: PublishAck) => void;
  reject: (error: Error) => void;
  until: number;
}

const decoder = new TextDecoder();
const SWEEP_MS = 250;

/**
 * Acknowledged JetStream publishes over core NATS: each message names a reply subject under one inbox
 * subscribed once, and JetStream's answer there settles its promise (a 503 status: no stream has the
 * subject). nats.js's `js.publish` does the same through its request multiplexer, but builds a
 * `NatsError`, stack trace included, for every request it resolves (`RequestOne.cancel`): 1.2 % of
 * the conversations service's CPU in bench:platform, for nothing. What JetStream stores is the same.
 */
export class JetStreamPublisher {
  private readonly inbox = createInbox();
  private readonly waiting = new Map<string, Waiting>();
  private subscription?: Subscription;
  private sweeper?: NodeJS.Timeout;
  private next = 0;

  constructor(private readonly connection: NatsConnection) {}

  /** Publishes and waits for JetStream's answer, at most `timeoutMs` (give or take SWEEP_MS). */
  publish(subject: string, data: Uint8Array, options: { msgId?: string; headers?: MsgHdrs; timeoutMs: number }): Promise<PublishAck> {
    return new Promise<PublishAck>((resolve, reject) => {
      try {
        this.listen();
        const headers = options.headers ?? natsHeaders();
        if (options.msgId) headers.set('Nats-Msg-Id', options.msgId);
        const token = (this.next++).toString(36);
        this.waiting.set(token, { resolve, reject, until: Date.now() + options.timeoutMs });
        this.connection.publish(subject, data, { reply: `${this.inbox}.${token}`, headers });
      } catch (error) {
        reject(error as Error);
      }
    });
  }

  private listen(): void {
    if (this.subscription) return;
    this.subscription = this.connection.subscribe(`${this.inbox}.*`, { callback: (error, msg) => this.answered(error, msg) });
    this.sweeper = setInterval(() => this.expire(Date.now()), SWEEP_MS);
    this.sweeper.unref();
    void this.connection.closed().then(() => {
      clearInterval(this.sweeper);
      this.expire(Number.POSITIVE_INFINITY);
    });
  }

  private answered(error: NatsError | null, msg: Msg): void {
    if (error) return; // the subscription's own error (e.g. permissions): every waiting publish times out
    const token = msg.subject.slice(this.inbox.length + 1);
    const waiting = this.waiting.get(token);
    if (!waiting) return; // answered after it timed out
    this.waiting.delete(token);
    if (msg.headers?.hasError) {
      waiting.reject(new PublishFailed(`no JetStream stream took the message (${msg.headers.status})`));
      return;
    }
    try {
      const ack = JSON.parse(decoder.decode(msg.data)) as { stream?: string; seq?: number; duplicate?: boolean; error?: { code?: number; description?: string } };
      if (ack.error) waiting.reject(new PublishFailed(`JetStream refused the message: ${ack.error.code ?? ''} ${ack.error.description ?? ''}`.trim()));
      else if (!ack.stream || typeof ack.seq !== 'number') waiting.reject(new PublishFailed('JetStream answered without a stream and sequence'));
      else waiting.resolve({ stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate === true });
    } catch {
      waiting.reject(new PublishFailed('JetStream answered something unreadable'));
    }
  }

  private expire(now: number): void {
    for (const [token, waiting] of this.waiting) {
      if (waiting.until > now) continue;
      this.waiting.delete(token);
      waiting.reject(new PublishFailed(now === Number.POSITIVE_INFINITY ? 'the NATS connection closed before JetStream answered' : 'JetStream did not answer in time'));
    }
  }
}
