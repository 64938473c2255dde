import { percentile } from '../support/bench';

/** The number written in each message's text: one token, so a search for it finds exactly that message. */
const REF_BASE = 10_000_000;
const REF_IN_TEXT = /Order (\d{8,}):/;

export const refOf = (seq: number): number => REF_BASE + seq;
export const textOf = (seq: number): string => `Order ${refOf(seq)}: where is my parcel? It was due yesterday.`;

/** The message a text (a frame, a list preview, a push) is about, or -1. */
export function seqInText(text: string | undefined | null): number {
  const match = REF_IN_TEXT.exec(text ?? '');
  return match ? Number(match[1]) - REF_BASE : -1;
}

/** What one stage says over the messages it should have reached. */
export interface StageFigures {
  name: string;
  expected: number;
  reached: number;
  lost: number;
  doubled: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Reached, but seen only by a check after the run (the latency is unknown): not in the percentiles. */
  unobserved?: number;
  note?: string;
}

/**
 * When each message first reached one stage (ms since the epoch; 0 = not yet) and how many times it
 * did. A message reached twice is doubled; one expected but never reached is lost.
 */
export class Stage {
  readonly firstAt: Float64Array;
  readonly times: Uint16Array;

  constructor(
    readonly name: string,
    size: number,
  ) {
    this.firstAt = new Float64Array(size);
    this.times = new Uint16Array(size);
  }

  reach(seq: number, at: number): void {
    if (seq < 0 || seq >= this.firstAt.length) return;
    if (!this.firstAt[seq]) this.firstAt[seq] = at;
    if (this.times[seq] < 0xffff) this.times[seq]++;
  }

  /** Reached through a later message that stands for this one (a push replacing it, a list row showing a newer message): never doubles it. */
  cover(seq: number, at: number): void {
    if (seq >= 0 && seq < this.firstAt.length && !this.firstAt[seq]) this.firstAt[seq] = at;
  }

  has(seq: number): boolean {
    return this.firstAt[seq] > 0;
  }

  /** Latency from `sentAt` of every expected message that reached the stage, lost and doubled among them. */
  figures(sentAt: Float64Array, expected: (seq: number) => boolean): StageFigures {
    const latencies: number[] = [];
    let count = 0;
    let lost = 0;
    let doubled = 0;
    for (let seq = 0; seq < this.firstAt.length; seq++) {
      if (!expected(seq)) continue;
      count++;
      if (!this.firstAt[seq]) lost++;
      else latencies.push(this.firstAt[seq] - sentAt[seq]);
      if (this.times[seq] > 1) doubled++;
    }
    return { name: this.name, expected: count, reached: latencies.length, lost, doubled, ...spread(latencies) };
  }
}

/** p50 / p95 / p99 / max of latencies in ms. */
export function spread(values: number[]): { p50: number; p95: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? 0 };
}

/**
 * Every message of the measured run: its provider timestamp and when it was posted, whether it came
 * from a known contact (whose thread an agent owns, so it notifies them) or a new one, what the
 * ingress answered, and the ids the timeline gave it.
 */
export class Ledger {
  readonly sentAt: Float64Array;
  readonly timestamp: Float64Array;
  /** Index of the known contact that wrote it, or -1 for a contact never seen before. */
  readonly knownContact: Int32Array;
  readonly accepted: Uint8Array;
  readonly contactId: Array<string | undefined>;
  readonly messageIds: Array<Set<string> | undefined>;
  readonly posted: Stage;
  readonly timeline: Stage;

  constructor(readonly size: number) {
    this.sentAt = new Float64Array(size);
    this.timestamp = new Float64Array(size);
    this.knownContact = new Int32Array(size).fill(-1);
    this.accepted = new Uint8Array(size);
    this.contactId = new Array(size);
    this.messageIds = new Array(size);
    this.posted = new Stage('accepted (2xx)', size);
    this.timeline = new Stage('on the timeline', size);
  }

  /** The timeline stored the message (announced by `conversations.message.created`). */
  stored(seq: number, contactId: string, messageId: string, at: number): void {
    if (seq < 0 || seq >= this.size) return;
    this.contactId[seq] = contactId;
    const ids = this.messageIds[seq] ?? new Set<string>();
    ids.add(messageId);
    this.messageIds[seq] = ids;
    // Doubled on the timeline means two messages stored for one provider message, not one announced twice.
    if (ids.size === 1 && !this.timeline.has(seq)) this.timeline.reach(seq, at);
    else if (ids.size > 1) this.timeline.times[seq] = ids.size;
  }

  isAccepted = (seq: number): boolean => this.accepted[seq] === 1;
  isKnown = (seq: number): boolean => this.knownContact[seq] >= 0;
}

/** One stage observed at several places (each agent's socket): every delivery is one sample. */
export function combined(name: string, stages: Stage[], sentAt: Float64Array, expected: (seq: number) => boolean): StageFigures {
  const parts = stages.map((stage) => stage.figures(sentAt, expected));
  const latencies: number[] = [];
  for (const stage of stages) {
    for (let seq = 0; seq < stage.firstAt.length; seq++) if (expected(seq) && stage.firstAt[seq]) latencies.push(stage.firstAt[seq] - sentAt[seq]);
  }
  const sum = (key: 'expected' | 'reached' | 'lost' | 'doubled') => parts.reduce((total, part) => total + part[key], 0);
  return { name, expected: sum('expected'), reached: sum('reached'), lost: sum('lost'), doubled: sum('doubled'), ...spread(latencies) };
}

/** Messages per second a stage handled: those it reached over the time from the start to its last one (at least the sending time). */
export function stageRate(stage: Stage, expected: (seq: number) => boolean, startAt: number, sendSeconds: number): number {
  let reached = 0;
  let last = 0;
  for (let seq = 0; seq < stage.firstAt.length; seq++) {
    if (!expected(seq) || !stage.firstAt[seq]) continue;
    reached++;
    last = Math.max(last, stage.firstAt[seq]);
  }
  return reached / Math.max(sendSeconds, (last - startAt) / 1000);
}
