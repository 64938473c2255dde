import { call } from '../support/bench';
import { Ledger, seqInText, spread, Stage, StageFigures } from './ledger';
import type { Agent } from './workspace';

interface Row {
  contactId: string;
  lastMessage: { id: string; at: string; preview: string } | null;
}

/**
 * When each message is first seen in an inbox list. A row shows its thread's latest message: a row
 * whose latest message is this one, or a later one of the same thread, shows the thread has moved for
 * it. Lists are only sampled by the agents' listers, so what they saw is complemented by one read of
 * every thread after the run: a message there but never seen in a page is `unobserved`, not lost.
 */
export class InboxWatch {
  readonly stage: Stage;
  /** Rows of one thread repeated within one page. */
  duplicateRows = 0;
  /** Threads an agent saw in a list: known contacts' for their owner to reply to, new ones to assign. */
  readonly seenKnown: string[][];
  readonly seenNew: string[] = [];
  private readonly waiting = new Map<string, number[]>();

  constructor(
    private readonly ledger: Ledger,
    agents: number,
  ) {
    this.stage = new Stage('in the inbox list', ledger.size);
    this.seenKnown = Array.from({ length: agents }, () => []);
  }

  /** The message is on the timeline: its thread's row will move for it. */
  expect(seq: number, contactId: string): void {
    this.waiting.set(contactId, [...(this.waiting.get(contactId) ?? []), seq]);
  }

  observe(rows: Row[], at: number): void {
    const inPage = new Set<string>();
    for (const row of rows) {
      if (inPage.has(row.contactId)) this.duplicateRows++;
      inPage.add(row.contactId);
      const waiting = this.waiting.get(row.contactId);
      if (!waiting || !row.lastMessage) continue;
      const shownAt = Date.parse(row.lastMessage.at);
      const shown = seqInText(row.lastMessage.preview);
      const left = waiting.filter((seq) => {
        if (seq !== shown && this.ledger.timestamp[seq] > shownAt) return true;
        this.stage.cover(seq, at);
        const owner = this.ledger.knownContact[seq];
        if (owner < 0) this.seenNew.push(row.contactId);
        else this.seenKnown[owner % this.seenKnown.length].push(row.contactId);
        return false;
      });
      if (left.length) this.waiting.set(row.contactId, left);
      else this.waiting.delete(row.contactId);
    }
  }

  /** Reads every thread once (the owner's All view, page by page) and settles what the listers missed. */
  async settle(gatewayUrl: string, ownerToken: string): Promise<StageFigures> {
    const latest = new Map<string, number>();
    let cursor: string | null = null;
    do {
      const page: { status: number; body: any } = await call('GET', `${gatewayUrl}/v1/inbox/all/conversations?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, ownerToken);
      if (page.status !== 200) throw new Error(`GET /v1/inbox/all/conversations: ${page.status} ${JSON.stringify(page.body)}`);
      for (const row of page.body.items as Row[]) if (row.lastMessage) latest.set(row.contactId, Date.parse(row.lastMessage.at));
      cursor = page.body.nextCursor;
    } while (cursor);
    const figures = this.stage.figures(this.ledger.sentAt, this.ledger.isAccepted);
    let unobserved = 0;
    for (let seq = 0; seq < this.ledger.size; seq++) {
      const contactId = this.ledger.contactId[seq];
      if (!this.ledger.isAccepted(seq) || this.stage.has(seq) || !contactId) continue;
      if ((latest.get(contactId) ?? 0) >= this.ledger.timestamp[seq]) unobserved++;
    }
    return { ...figures, lost: figures.lost - unobserved, doubled: this.duplicateRows, unobserved };
  }
}

/** Inbox list requests as the agents made them: latency of each, and answers other than 200. */
export interface ListFigures {
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * The agents listing their inbox, each in a loop with one request in flight (8 agents: 8 concurrent
 * lists), alternating Mine (where their own contacts' threads are) and Unassigned (where new contacts
 * arrive), default sort and page size, as the inbox app opens them. Every page feeds the watch.
 */
export function startListers(gatewayUrl: string, agents: Agent[], watch: InboxWatch, pauseMs: number) {
  const latencies: number[] = [];
  let errors = 0;
  let running = true;
  let measuring = false;
  let measuredFrom = 0;
  let measuredSeconds = 0;
  const loops = agents.map(async (agent, i) => {
    for (let n = i; running; n++) {
      const view = n % 2 === 0 ? 'mine' : 'unassigned';
      const t0 = process.hrtime.bigint();
      const res = await call('GET', `${gatewayUrl}/v1/inbox/${view}/conversations`, agent.token).catch(() => ({ status: 0, body: null }));
      const now = Date.now();
      if (measuring) {
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (res.status !== 200) errors++;
      }
      if (res.status === 200) watch.observe(res.body.items, now);
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  });
  return {
    /** Latencies count only while the load runs; the listers keep feeding the watch while the platform drains. */
    measure(on: boolean): void {
      if (on) measuredFrom = Date.now();
      else measuredSeconds = (Date.now() - measuredFrom) / 1000;
      measuring = on;
    },
    async stop(): Promise<ListFigures> {
      running = false;
      await Promise.all(loops);
      return { requests: latencies.length, errors, perSecond: latencies.length / Math.max(measuredSeconds, 1e-9), ...spread(latencies) };
    },
  };
}
