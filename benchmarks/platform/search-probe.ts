import { call } from '../support/bench';
import { Ledger, refOf, seqInText, spread, Stage } from './ledger';
import type { Agent } from './workspace';

/** Search terms fit in one query: 8-digit numbers and a space each, under the 200-character limit. */
const NUMBERS_PER_QUERY = 22;
const QUERIES_IN_FLIGHT = 4;

/**
 * When a sample of the messages becomes searchable, found through the search API as agents search:
 * one query of numbers finds messages containing any of them (SRH-5), so one request asks for up to
 * 22 waiting messages at once. Polling costs the platform CPU, so only one message in `every` is
 * followed, and each waiting one is asked for once per `intervalMs`. The time recorded is when the
 * answer that found it came back (late by up to one interval, never early).
 */
export class SearchProbe {
  readonly stage: Stage;
  readonly latencies: number[] = [];
  errors = 0;
  private readonly waiting = new Set<number>();
  private readonly idsOf = new Map<number, Set<string>>();
  private readonly seqOfId = new Map<string, number>();
  private running = true;
  private measuring = false;
  private loop?: Promise<void>;
  private turn = 0;

  constructor(
    private readonly gatewayUrl: string,
    private readonly agents: Agent[],
    private readonly ledger: Ledger,
    readonly every: number,
    private readonly intervalMs: number,
  ) {
    this.stage = new Stage('searchable', ledger.size);
  }

  isSampled = (seq: number): boolean => seq % this.every === 0;

  /** The message is on the timeline: from now on it may become searchable. */
  expect(seq: number, messageId: string): void {
    if (!this.isSampled(seq)) return;
    this.seqOfId.set(messageId, seq);
    this.waiting.add(seq);
  }

  start(): void {
    this.loop = (async () => {
      while (this.running) {
        const started = Date.now();
        const batches: number[][] = [];
        const pending = [...this.waiting];
        for (let i = 0; i < pending.length && batches.length < QUERIES_IN_FLIGHT; i += NUMBERS_PER_QUERY) batches.push(pending.slice(i, i + NUMBERS_PER_QUERY));
        await Promise.all(batches.map((batch) => this.ask(batch)));
        await new Promise((resolve) => setTimeout(resolve, Math.max(1, this.intervalMs - (Date.now() - started))));
      }
    })();
  }

  private async ask(batch: number[]): Promise<void> {
    const agent = this.agents[this.turn++ % this.agents.length];
    const q = encodeURIComponent(batch.map(refOf).join(' '));
    const t0 = process.hrtime.bigint();
    const res = await call('GET', `${this.gatewayUrl}/v1/search/messages?q=${q}&limit=200`, agent.token).catch(() => ({ status: 0, body: null }));
    const at = Date.now();
    if (this.measuring) {
      this.latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (res.status !== 200) this.errors++;
    }
    if (res.status !== 200) return;
    for (const item of res.body.items as Array<{ id: string; snippet?: string }>) {
      // The snippet names the message by its number (highlighting aside); the id is the fallback.
      const fromText = seqInText((item.snippet ?? '').replace(/<[^>]*>/g, ''));
      const seq = fromText >= 0 ? fromText : (this.seqOfId.get(item.id) ?? -1);
      if (seq < 0) continue;
      const ids = this.idsOf.get(seq) ?? new Set<string>();
      if (!ids.has(item.id)) {
        ids.add(item.id);
        this.idsOf.set(seq, ids);
        this.stage.reach(seq, at);
      }
      this.waiting.delete(seq);
    }
  }

  /** Request latencies count only while the load runs; the probe keeps following messages while the platform drains. */
  measure(on: boolean): void {
    this.measuring = on;
  }

  get pending(): number {
    return this.waiting.size;
  }

  async stop(): Promise<{ requests: number; errors: number; p50: number; p95: number; p99: number; max: number }> {
    this.running = false;
    await this.loop;
    return { requests: this.latencies.length, errors: this.errors, ...spread(this.latencies) };
  }

  /** Expected: every sampled message the ingress accepted. */
  expected = (seq: number): boolean => this.isSampled(seq) && this.ledger.isAccepted(seq);
}
