import { EventEnvelope, MessageCreated } from '@omnibox/contracts';
import { connectNats, NatsHandle } from '@omnibox/platform';
import type { Subscription } from 'nats';
import { Agent, request } from 'undici';
import { call, cpuMeter } from '../support/bench';
import type { BenchPlatform } from '../support/platform-processes';
import { FormatName, Inbound, IngressFormat, ingressFormat } from './formats';

const textDecoder = new TextDecoder();
const agent = new Agent({ connections: 256, keepAliveTimeout: 30_000 });

/** What is sent: a steady rate for `seconds`, or a burst of `total` first messages within `seconds`. */
export interface LoadPlan {
  kind: 'steady' | 'burst';
  total: number;
  seconds: number;
  contacts: number;
  /** Every message from an identity never seen before (else the contacts write once before the measurement). */
  newContacts: boolean;
}

export interface Sent {
  started: number;
  accepted: number;
  refused: number;
  /** Sorted, in ms. */
  acceptLatency: number[];
  /** The status that means stored (202 on the generic ingress, 200 on a provider webhook). */
  acceptedStatus: number;
  sendSeconds: number;
  cpuWhileSending: string;
}

/**
 * The load generator: signed provider events posted on schedule (open loop, as providers send them;
 * those due at the same moment share a request when the format batches, as WhatsApp's entries do),
 * and an observer of the messages reaching timelines. Each one is announced by the write that stores
 * it; a plain subscription to the subject sees every publish (JetStream stores the same messages), so
 * the observer costs the machine less than a durable consumer would.
 */
export class IngestLoad {
  readonly sentAt: number[];
  readonly seenAt: number[];
  /** Message ids seen per sequence number (more than one: a message stored twice). */
  readonly messageIds = new Map<number, Set<string>>();
  private readonly warmedUp = new Set<string>();
  private readonly run = Date.now();

  private constructor(
    private readonly platform: BenchPlatform,
    private readonly plan: LoadPlan,
    private readonly nats: NatsHandle,
    private readonly observer: Subscription,
    private readonly format: IngressFormat,
  ) {
    this.sentAt = new Array<number>(plan.total);
    this.seenAt = new Array<number>(plan.total).fill(0);
  }

  static async start(platform: BenchPlatform, plan: LoadPlan, formatName: FormatName): Promise<IngestLoad> {
    const gw = platform.gatewayUrl;
    const workspace = await call('POST', `${gw}/v1/workspaces`, undefined, { name: 'Bench', owner: { firstName: 'Bea', email: `bea.${Date.now()}@example.com`, password: 'bench-password-1' } });
    const format = ingressFormat(formatName, gw, workspace.body.token as string);
    await format.connect();
    const nats = await connectNats(platform.engines.nats.url, 'bench-ingest');
    const observer = nats.connection.subscribe(`${platform.env.EVENT_SUBJECT_PREFIX}.*.${MessageCreated.type}`);
    const load = new IngestLoad(platform, plan, nats, observer, format);
    void load.observe();
    await nats.connection.flush();
    return load;
  }

  get formatName(): string {
    return this.format.name;
  }

  /** Every contact writes once, at a pace the platform takes, before anything is measured. */
  async warmUp(): Promise<void> {
    const started = Date.now();
    const { contacts } = this.plan;
    for (let contact = 0; contact < contacts; contact += 20) {
      await Promise.all(Array.from({ length: Math.min(20, contacts - contact) }, (_, i) => this.deliver([this.message(`warm-${started}-${contact + i}`, contact + i, `Hi #w${contact + i}`)])));
    }
    while (this.warmedUp.size < contacts && Date.now() - started < 600_000) await new Promise((resolve) => setTimeout(resolve, 200));
    console.log(`warm-up: ${this.warmedUp.size} contacts wrote once in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  /**
   * Before a new-contact run: `count` contacts of their own (never measured, numbered after the
   * measured ones) write their first message at `perSecond`, so the services and the engine are warm
   * when the measured contacts arrive (compiled code, connection pools, the collections' first pages),
   * as on a platform that has been up. Without it the first 30 s of a cold start weighed the whole
   * run's p99 (p50 2.4 s there, 0.2 s after).
   */
  async warmUpNew(count: number, perSecond: number): Promise<void> {
    const started = Date.now();
    const posts: Array<Promise<unknown>> = [];
    for (let i = 0; i < count; i++) {
      const wait = started + (i * 1000) / perSecond - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const contact = this.plan.total + i;
      posts.push(this.deliver([{ id: `warm-${started}-${i}`, contact, externalId: `warm-${this.run}-${contact}`, text: `Hi #w${i}` }]).catch(() => 0));
    }
    await Promise.all(posts);
    while (this.warmedUp.size < count && Date.now() - started < 600_000) await new Promise((resolve) => setTimeout(resolve, 200));
    console.log(`warm-up: ${this.warmedUp.size} other new contacts wrote their first message at ${perSecond}/s, on timelines in ${((Date.now() - started) / 1000).toFixed(1)} s (not measured)`);
  }

  /** Posts every message on schedule; resolves once each has its answer. */
  async send(): Promise<Sent> {
    const { total, seconds, contacts } = this.plan;
    let accepted = 0;
    let refused = 0;
    const acceptLatency: number[] = [];
    const inFlight = new Set<Promise<void>>();
    const cpu = cpuMeter({
      ...Object.fromEntries(Object.entries(this.platform.processes).map(([name, child]) => [name, child?.pid])),
      ferretdb: this.platform.engines.mongodb.child?.pid,
      nats: this.platform.engines.nats.child?.pid,
      redis: this.platform.engines.redis.child?.pid,
    });
    const started = Date.now();
    cpu.start();
    const post = async (seqs: number[]) => {
      const t0 = Date.now();
      for (const seq of seqs) this.sentAt[seq] = t0;
      const messages = seqs.map((seq) => this.message(`bench-${started}-${seq}`, seq % contacts, `Hello, this is a question about my order #${seq}`));
      try {
        if ((await this.deliver(messages)) === this.format.acceptedStatus) accepted += seqs.length;
        else refused += seqs.length;
      } catch {
        refused += seqs.length;
      }
      for (let i = 0; i < seqs.length; i++) acceptLatency.push(Date.now() - t0);
    };
    const progressEvery = Math.max(1, Math.round((total / seconds) * (this.plan.kind === 'burst' ? 2 : 30)));
    const dueAt = (seq: number) => started + (seq * seconds * 1000) / total;
    for (let seq = 0; seq < total; ) {
      const wait = dueAt(seq) - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const batch = [seq++];
      while (seq < total && batch.length < this.format.batch && dueAt(seq) <= Date.now()) batch.push(seq++);
      const job: Promise<void> = post(batch).finally(() => inFlight.delete(job));
      inFlight.add(job);
      if (Math.floor(seq / progressEvery) > Math.floor((seq - batch.length) / progressEvery)) {
        const done = this.onTimelines();
        console.log(`  t=${((Date.now() - started) / 1000).toFixed(0)} s sent ${seq}, accepted ${accepted}, on timelines ${done}, backlog ${seq - done}`);
      }
    }
    await Promise.all(inFlight);
    const sendSeconds = (Date.now() - started) / 1000;
    return { started, accepted, refused, acceptLatency: acceptLatency.sort((a, b) => a - b), acceptedStatus: this.format.acceptedStatus, sendSeconds, cpuWhileSending: cpu.report() };
  }

  /** Waits until the `accepted` messages are on timelines, at most `seconds` after the last send. */
  async drain(seconds: number, accepted: number): Promise<void> {
    const until = Date.now() + seconds * 1000;
    while (Date.now() < until && this.onTimelines() < accepted) await new Promise((resolve) => setTimeout(resolve, 100));
  }

  onTimelines(): number {
    return this.seenAt.filter(Boolean).length;
  }

  async close(): Promise<void> {
    this.observer.unsubscribe();
    await this.nats.close();
  }

  /** A contact's message. A new contact's identity is unique to this run. */
  private message(id: string, contact: number, text: string): Inbound {
    return { id, contact, externalId: this.plan.newContacts ? `new-${this.run}-${contact}` : `customer-${contact}`, text };
  }

  /** Messages in one request, signed as their provider signs them; answers the status. */
  private async deliver(messages: Inbound[]): Promise<number> {
    const { body, headers } = this.format.request(messages);
    const res = await request(this.format.url, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json', ...headers }, body });
    await res.body.text();
    return res.statusCode;
  }

  private async observe(): Promise<void> {
    for await (const msg of this.observer) {
      const event = JSON.parse(textDecoder.decode(msg.data)) as EventEnvelope;
      if (!MessageCreated.is(event) || event.data.message.direction !== 'incoming') continue;
      const text = event.data.message.text ?? '';
      const warm = /#w(\d+)$/.exec(text)?.[1];
      if (warm) this.warmedUp.add(warm);
      const seq = Number(/#(\d+)$/.exec(text)?.[1]);
      if (!Number.isInteger(seq)) continue;
      if (!this.seenAt[seq]) this.seenAt[seq] = Date.now();
      const ids = this.messageIds.get(seq) ?? new Set<string>();
      ids.add(event.data.message.id);
      this.messageIds.set(seq, ids);
    }
  }
}
