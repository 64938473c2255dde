import { EventBus, PENDING_COLLECTION } from '@omnibox/messaging';
import { consumersCaughtUp, eventually } from '@omnibox/testing';
import { Db } from 'mongodb';

/*
 * Positive controls for "this did not happen" checks: instead of sleeping and hoping the unwanted
 * thing would have shown by then, wait until the work that could have produced it is provably done.
 */

/** Waits until a durable consumer has handled everything published to its stream so far: nothing undelivered, nothing unacknowledged. */
export async function consumerCaughtUp(bus: EventBus, durable: string, timeoutMs = 15000): Promise<void> {
  await consumersCaughtUp(bus, { durables: [durable], timeoutMs });
}

/**
 * Waits until a service has published every event its writes so far announced: its outbox leaves a
 * marker in `_outbox_pending` before each such write and removes it once the events are on the stream.
 */
export async function outboxDrained(serviceDb: Db, timeoutMs = 15000): Promise<void> {
  await eventually(async () => (await serviceDb.collection(PENDING_COLLECTION).countDocuments({})) === 0, `${serviceDb.databaseName} to publish what it announced`, timeoutMs);
}

/**
 * Positive control for "announced once": the given services have published everything their writes
 * so far announced, and the test's own consumer (`collector`) has received all of it. A second
 * announcement, had there been one, has reached the test by then.
 */
export async function allAnnouncementsReceived(bus: EventBus, collector: string, serviceDbs: Db[]): Promise<void> {
  for (const db of serviceDbs) await outboxDrained(db);
  await consumerCaughtUp(bus, collector);
}
