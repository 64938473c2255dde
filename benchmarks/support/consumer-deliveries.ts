import type { EventBus } from '@omnibox/messaging';

/** Durable consumer → messages JetStream has delivered to it so far (redeliveries included). */
export type DeliveryCounts = Map<string, number>;

/** What every durable consumer of the event stream has been delivered so far (one API call each page). */
export async function readDeliveries(bus: EventBus): Promise<DeliveryCounts> {
  const jsm = await bus.manager();
  const counts: DeliveryCounts = new Map();
  for await (const info of jsm.consumers.list(bus.stream)) {
    if (info.config.durable_name) counts.set(info.config.durable_name, info.delivered.consumer_seq);
  }
  return counts;
}

/**
 * JetStream deliveries per inbound message between two readings, in total and per consumer (the
 * largest first). Each delivery also costs an acknowledgement, the server's work on both, and the
 * consumer a wake-up: a consumer delivered events it only skips pays that for nothing.
 */
export function deliveriesPerMessage(before: DeliveryCounts, after: DeliveryCounts, messages: number): string {
  if (messages === 0) return 'JetStream deliveries per message: no message reached a timeline';
  const rows: Array<[string, number]> = [];
  let total = 0;
  for (const [consumer, count] of after) {
    const delivered = count - (before.get(consumer) ?? 0);
    if (delivered <= 0) continue;
    total += delivered;
    rows.push([consumer, delivered / messages]);
  }
  rows.sort((a, b) => b[1] - a[1]);
  return `JetStream deliveries per message (each acknowledged too): ${(total / messages).toFixed(2)}: ${rows.map(([consumer, n]) => `${consumer} ${n.toFixed(2)}`).join(', ')}`;
}
