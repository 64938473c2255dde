import type { EventBus } from '@omnibox/messaging';

export interface CaughtUpOptions {
  /** The durables to wait for; all durables of the stream when absent. A named durable not created yet counts as busy. */
  durables?: string[];
  timeoutMs?: number;
  everyMs?: number;
}

/** Consumers that still have work, as `name count` (undelivered plus unacknowledged events). */
async function busyConsumers(bus: EventBus, durables: string[] | undefined): Promise<string[]> {
  const jsm = await bus.manager();
  const infos = durables
    ? await Promise.all(durables.map((durable) => jsm.consumers.info(bus.stream, durable).catch(() => ({ name: durable, num_pending: 1, num_ack_pending: 0 }))))
    : await jsm.consumers.list(bus.stream).next();
  return infos.filter((info) => info.num_pending > 0 || info.num_ack_pending > 0).map((info) => `${info.name} ${info.num_pending + info.num_ack_pending}`);
}

/**
 * Waits until the durable consumers have handled everything published to the stream so far: nothing
 * undelivered, nothing unacknowledged. Tests use it as the positive control of "this did not happen";
 * benchmarks to know the platform has drained. Throws naming the consumers still busy.
 */
export async function consumersCaughtUp(bus: EventBus, options: CaughtUpOptions = {}): Promise<void> {
  const { durables, timeoutMs = 15000, everyMs = 100 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const busy = await busyConsumers(bus, durables);
    if (busy.length === 0) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for consumers to catch up; still busy: ${busy.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
