import { EventBus } from '@omnibox/messaging';

/** Waits until every durable consumer of the stream has handled everything published so far. */
export async function consumersIdle(bus: EventBus, timeoutMs: number): Promise<void> {
  const jsm = await bus.manager();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const busy = (await jsm.consumers.list(bus.stream).next()).filter((info) => info.num_pending > 0 || info.num_ack_pending > 0);
    if (busy.length === 0) return;
    if (Date.now() > deadline) throw new Error(`consumers still busy: ${busy.map((info) => `${info.name} ${info.num_pending + info.num_ack_pending}`).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
