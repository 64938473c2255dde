import type { Client } from '@elastic/elasticsearch';
import { EventEnvelope, parseEnvelope } from '@omnibox/contracts';
import type { EventBus } from '@omnibox/messaging';
import { DeliverPolicy, JSONCodec } from 'nats';
import type { Logger } from 'pino';
import { IndexManager, IndexNames } from '../indexes/index-manager';
import { INDEXED_EVENT_TYPES, Indexer } from './indexer';

export interface RebuildReport {
  /** Indexed events replayed (other event types are skipped). */
  events: number;
  seconds: number;
  /** The indexes the aliases point at now, and the ones they left (deleted unless kept). */
  indexes: IndexNames;
  previous: IndexNames;
}

const codec = JSONCodec<unknown>();
const RELEVANT = new Set(INDEXED_EVENT_TYPES);

/**
 * Rebuilds every index from the event stream, with no downtime:
 * 1. fresh indexes are created from the current templates (the aliases still serve the old ones,
 *    and the running service keeps writing to them);
 * 2. the stream is replayed into them from its first event with an ordered, ephemeral consumer,
 *    then again from where that stopped until the gap is small;
 * 3. both aliases switch to the fresh indexes in one atomic `_aliases` call;
 * 4. the events that arrived meanwhile are replayed once more (the indexer is idempotent, so events
 *    the running service also wrote are harmless), and the old indexes are deleted.
 * The stream's retention (EventBus `maxAgeMs`) bounds what a replay can restore.
 */
export async function rebuildIndexes(input: { client: Client; bus: EventBus; prefix: string; logger: Logger; batchSize?: number; keepPrevious?: boolean }): Promise<RebuildReport> {
  const started = Date.now();
  const { client, bus, logger } = input;
  const batchSize = input.batchSize ?? 1000;
  const manager = new IndexManager(client, input.prefix);
  await manager.ensure();
  const fresh = await manager.createFresh();
  const indexer = new Indexer(client, fresh, logger);
  logger.info({ indexes: fresh }, 'rebuild: replaying the event stream into fresh indexes');

  let events = 0;
  let next = 1;
  for (let round = 0; round < 5; round++) {
    const head = await streamHead(bus);
    if (head < next) break;
    const replayed = await replay(bus, indexer, next, head, batchSize, logger);
    events += replayed;
    next = head + 1;
    if ((await streamHead(bus)) - head < batchSize) break;
  }
  const previous = await manager.switchTo(fresh);
  logger.info({ indexes: fresh, previous }, 'rebuild: aliases switched');
  const head = await streamHead(bus);
  if (head >= next) events += await replay(bus, indexer, next, head, batchSize, logger);
  if (!input.keepPrevious) {
    for (const index of Object.values(previous)) if (!Object.values(fresh).includes(index)) await client.indices.delete({ index, ignore_unavailable: true });
  }
  return { events, seconds: (Date.now() - started) / 1000, indexes: fresh, previous };
}

async function streamHead(bus: EventBus): Promise<number> {
  const jsm = await bus.manager();
  return (await jsm.streams.info(bus.stream)).state.last_seq;
}

/** Applies the stream's events with sequence in [from, to] to `indexer`, in order; answers how many were indexed. */
async function replay(bus: EventBus, indexer: Indexer, from: number, to: number, batchSize: number, logger: Logger): Promise<number> {
  const consumer = await bus.js.consumers.get(bus.stream, { filterSubjects: `${bus.subjectPrefix}.>`, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: Math.max(1, from) });
  const messages = await consumer.consume({ max_messages: batchSize * 2 });
  let batch: EventEnvelope[] = [];
  let count = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    for (let attempt = 1; ; attempt++) {
      try {
        const failures = await indexer.apply(batch);
        for (const failure of failures) logger.error({ failure }, 'rebuild: an event could not be indexed');
        break;
      } catch (error) {
        if (attempt >= 10) throw error;
        logger.warn({ err: error, attempt }, 'rebuild: indexing failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 250 * 2 ** attempt)));
      }
    }
    count += batch.length;
    batch = [];
  };
  try {
    for await (const msg of messages) {
      if (msg.seq > to) break;
      try {
        const event = parseEnvelope(codec.decode(msg.data));
        if (RELEVANT.has(event.type)) batch.push(event);
      } catch {
        // Not an event: the live consumer dead-letters it; a rebuild just skips it.
      }
      if (batch.length >= batchSize || msg.seq >= to || msg.info.pending === 0) await flush();
      if (msg.seq >= to) break;
    }
    await flush();
  } finally {
    await messages.close();
  }
  return count;
}
