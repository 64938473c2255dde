import { EventEnvelope, parseEnvelope } from '@omnibox/contracts';
import type { EventBus } from '@omnibox/messaging';
import { DeliverPolicy, JSONCodec } from 'nats';
import type { EventLog } from '../../application/ports';

const codec = JSONCodec<unknown>();

/** The JetStream stream of domain events, read by a rebuild with ephemeral ordered consumers. */
export class NatsEventLog implements EventLog {
  constructor(private readonly bus: EventBus) {}

  async head(): Promise<number> {
    const jsm = await this.bus.manager();
    return (await jsm.streams.info(this.bus.stream)).state.last_seq;
  }

  async replay(range: { from: number; to: number }, types: ReadonlySet<string>, batchSize: number, apply: (events: EventEnvelope[]) => Promise<void>): Promise<number> {
    const consumer = await this.bus.js.consumers.get(this.bus.stream, { filterSubjects: `${this.bus.subjectPrefix}.>`, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: Math.max(1, range.from) });
    const messages = await consumer.consume({ max_messages: batchSize * 2 });
    let batch: EventEnvelope[] = [];
    let count = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      await apply(batch);
      count += batch.length;
      batch = [];
    };
    try {
      for await (const msg of messages) {
        if (msg.seq > range.to) break;
        try {
          const event = parseEnvelope(codec.decode(msg.data));
          if (types.has(event.type)) batch.push(event);
        } catch {
          // Not an event: the live consumer dead-letters it; a rebuild just skips it.
        }
        if (batch.length >= batchSize || msg.seq >= range.to || msg.info.pending === 0) await flush();
        if (msg.seq >= range.to) break;
      }
      await flush();
    } finally {
      await messages.close();
    }
    return count;
  }
}
