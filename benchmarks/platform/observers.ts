import { EventEnvelope, MessageCreated } from '@omnibox/contracts';
import { LoopbackPushService } from '@omnibox/testing';
import type { NatsConnection } from 'nats';
import WebSocket from 'ws';
import { Ledger, seqInText, spread, Stage, StageFigures } from './ledger';

const decoder = new TextDecoder();
/** Where a frame's type starts: after `{"type":"`. */
const TYPE_AT = '{"type":"'.length;
const QUOTE = 0x22;

/**
 * Incoming messages as the timeline stores them, seen on the event stream: each is announced by the
 * write that stores it (`conversations.message.created`). A plain subscription sees every publish at
 * less cost to the machine than a durable consumer, and costs the platform nothing.
 */
export function observeTimeline(nats: NatsConnection, subjectPrefix: string, onIncoming: (text: string, contactId: string, messageId: string, at: number) => void): { stop(): void } {
  const subscription = nats.subscribe(`${subjectPrefix}.*.${MessageCreated.type}`);
  void (async () => {
    for await (const msg of subscription) {
      const event = JSON.parse(decoder.decode(msg.data)) as EventEnvelope;
      if (!MessageCreated.is(event) || event.data.message.direction !== 'incoming') continue;
      onIncoming(event.data.message.text ?? '', event.data.message.contactId, event.data.message.id, Date.now());
    }
  })();
  return { stop: () => subscription.unsubscribe() };
}

/**
 * One agent's realtime socket (API.md "Realtime"), as an inbox app holds it. Only `message.created`
 * frames are read, and only far enough to find the message's number: the observer must stay cheap at
 * thousands of frames a second. Every frame is counted by type.
 */
export class AgentSocket {
  readonly frames = new Map<string, number>();
  private socket!: WebSocket;

  private constructor(readonly stage: Stage) {}

  static async open(gatewayUrl: string, token: string, stage: Stage): Promise<AgentSocket> {
    const client = new AgentSocket(stage);
    client.socket = new WebSocket(`${gatewayUrl.replace(/^http/, 'ws')}/v1/realtime`, { headers: { Authorization: `Bearer ${token}` } });
    const ready = new Promise<void>((resolve, reject) => {
      client.socket.once('error', reject);
      client.socket.once('unexpected-response', (_req, res) => reject(new Error(`realtime upgrade refused: ${res.statusCode}`)));
      client.socket.on('message', (raw: Buffer) => {
        // Frames are JSON.stringify({type, data, …}): the type is the first value, read without decoding the rest.
        const type = raw.toString('latin1', TYPE_AT, raw.indexOf(QUOTE, TYPE_AT));
        client.frames.set(type, (client.frames.get(type) ?? 0) + 1);
        if (type === 'message.created') client.stage.reach(seqInText(raw.toString()), Date.now());
        else if (type === 'ready') resolve();
      });
    });
    await ready;
    return client;
  }

  close(): void {
    this.socket.close();
  }
}

/**
 * Web Pushes as the agents' browsers receive them (the loopback push service decrypts each): a
 * `new_message` push names the message by its text. Pushes of one thread replace each other (NTF-2
 * `Topic`), so a push also stands for the earlier messages of its thread not pushed yet: those count
 * as notified (replaced), not lost. `assigned` pushes are matched to the agents' assignments.
 */
export class PushObserver {
  readonly notified: Stage;
  replaced = 0;
  private read = 0;
  private readonly waiting = new Map<string, number[]>();
  private readonly assignedAt = new Map<string, number>();
  private readonly assignmentLatencies: number[] = [];
  private assignmentPushes = 0;
  private readonly assignmentsPushed = new Set<string>();
  private assignmentsDoubled = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pushes: LoopbackPushService,
    private readonly ledger: Ledger,
  ) {
    this.notified = new Stage('notified (Web Push)', ledger.size);
    this.timer = setInterval(() => this.poll(), 50);
  }

  /** A known contact's message reached the timeline: a push to its owner is due. */
  expect(seq: number, contactId: string): void {
    this.waiting.set(contactId, [...(this.waiting.get(contactId) ?? []), seq]);
  }

  /** An agent assigned a thread to another agent: an `assigned` push is due to them. */
  assigned(contactId: string, at: number): void {
    this.assignedAt.set(contactId, at);
  }

  /** The assignment was refused: no push is due. */
  notAssigned(contactId: string): void {
    this.assignedAt.delete(contactId);
  }

  poll(): void {
    for (; this.read < this.pushes.received.length; this.read++) {
      const push = this.pushes.received[this.read];
      const payload = push.json as { kind?: string; body?: string; contactId?: string } | null;
      if (!payload?.contactId) continue;
      if (payload.kind === 'assigned') this.assignment(payload.contactId, push.at);
      if (payload.kind !== 'new_message') continue;
      const seq = seqInText(payload.body);
      if (seq < 0) continue;
      this.notified.reach(seq, push.at);
      const earlier = this.waiting.get(payload.contactId) ?? [];
      for (const other of earlier) {
        if (other >= seq || this.notified.has(other)) continue;
        this.notified.cover(other, push.at);
        this.replaced++;
      }
      this.waiting.set(payload.contactId, earlier.filter((other) => other > seq));
    }
  }

  private assignment(contactId: string, at: number): void {
    const since = this.assignedAt.get(contactId);
    if (since === undefined) {
      if (this.assignmentsPushed.has(contactId)) this.assignmentsDoubled++;
      return;
    }
    this.assignmentsPushed.add(contactId);
    this.assignmentPushes++;
    this.assignmentLatencies.push(at - since);
    this.assignedAt.delete(contactId);
  }

  /** `assigned` pushes: latency from the assignment's POST; lost are assignments never pushed. */
  assignmentFigures(): StageFigures {
    const lost = this.assignedAt.size;
    return { name: 'assignment → notified', expected: this.assignmentPushes + lost, reached: this.assignmentPushes, lost, doubled: this.assignmentsDoubled, ...spread(this.assignmentLatencies) };
  }

  stop(): void {
    this.poll();
    clearInterval(this.timer);
  }
}
