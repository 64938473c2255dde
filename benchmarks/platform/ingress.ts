import { createHmac } from 'node:crypto';
import { Agent, request } from 'undici';
import { Ledger, textOf } from './ledger';

// Keep-alive connections, enough for the messages in flight when the gateway answers slowly (open loop).
const dispatcher = new Agent({ connections: 256, keepAliveTimeout: 30_000 });

export interface Channel {
  id: string;
  secret: string;
}

/** A provider message event (API.md "Channels and event ingress"), signed with the channel's secret. */
export interface SignedEvent {
  body: string;
  signature: string;
}

export function signedMessage(channel: Channel, id: string, timestamp: number, externalId: string, text: string): SignedEvent {
  const body = JSON.stringify({ type: 'message', id, timestamp: new Date(timestamp).toISOString(), contact: { externalId, firstName: `Customer ${externalId}` }, message: { type: 'text', text } });
  return { body, signature: `sha256=${createHmac('sha256', channel.secret).update(body).digest('hex')}` };
}

/** Posts a signed event to the gateway's ingress; answers the status (0 when the request failed). */
export async function postEvent(gatewayUrl: string, channel: Channel, event: SignedEvent): Promise<number> {
  try {
    const res = await request(`${gatewayUrl}/v1/channels/${channel.id}/events`, { method: 'POST', dispatcher, headers: { 'content-type': 'application/json', 'x-channel-signature': event.signature }, body: event.body });
    await res.body.dump();
    return res.statusCode;
  } catch {
    return 0;
  }
}

export const knownExternalId = (index: number): string => `known-${index}`;

export interface LoadPlan {
  rate: number;
  /** Share of the messages that come from contacts never seen before (each writes once). */
  newShare: number;
  knownContacts: number;
  /** Distinguishes this run's provider message ids and new contacts. */
  runTag: string;
}

/** Whether message `index` comes from a contact never seen before: `plan.newShare` of them, spread evenly. */
function fromNewContact(plan: LoadPlan, index: number): boolean {
  return (index * 7919) % 1000 < Math.round(plan.newShare * 1000);
}

/**
 * Every message of the run signed before it starts, so the sender only posts: message `seq` is due
 * at `startAt + seq / rate` and carries that moment as its provider timestamp (CHN-2). New contacts
 * are spread evenly through the run; the others cycle through the known contacts, so each of them
 * writes at the same pace.
 */
export function presign(plan: LoadPlan, channel: Channel, ledger: Ledger, startAt: number): SignedEvent[] {
  const events: SignedEvent[] = new Array(ledger.size);
  let known = 0;
  for (let seq = 0; seq < ledger.size; seq++) {
    const due = startAt + (seq * 1000) / plan.rate;
    const isNew = fromNewContact(plan, seq);
    const externalId = isNew ? `new-${plan.runTag}-${seq}` : knownExternalId(known % plan.knownContacts);
    if (!isNew) ledger.knownContact[seq] = known++ % plan.knownContacts;
    ledger.timestamp[seq] = Math.floor(due);
    events[seq] = signedMessage(channel, `${plan.runTag}-${seq}`, Math.floor(due), externalId, textOf(seq));
  }
  return events;
}

/**
 * The warm-up's messages (no measured number in their text, so no observer counts them): the load
 * rises linearly from nothing to `plan.rate` over `seconds`, message `i` due at `startAt +
 * sqrt(2 * seconds * i / rate)` s, with the run's share of new contacts. A platform just started runs
 * its code cold (the JIT, Elasticsearch's JVM, empty caches) and takes the full rate at once only by
 * queueing: the ramp lets it warm up as a running platform would have, before anything is measured.
 */
export function presignWarmUp(plan: LoadPlan, channel: Channel, seconds: number, startAt: number): { events: SignedEvent[]; dueAt: number[] } {
  const count = Math.floor((plan.rate * seconds) / 2);
  const events: SignedEvent[] = [];
  const dueAt: number[] = [];
  for (let i = 0; i < count; i++) {
    const due = Math.floor(startAt + Math.sqrt((2 * seconds * i) / plan.rate) * 1000);
    const isNew = fromNewContact(plan, i);
    const externalId = isNew ? `new-${plan.runTag}-warm-${i}` : knownExternalId(i % plan.knownContacts);
    events.push(signedMessage(channel, `${plan.runTag}-warm-${i}`, due, externalId, `Warm-up ${i}: where is my parcel? It was due yesterday.`));
    dueAt.push(due);
  }
  return { events, dueAt };
}

/** What the sender tells about each message (the measured run's ledger; nothing for the warm-up). */
export interface SendRecorder {
  sent(index: number, at: number): void;
  accepted(index: number, at: number): void;
}

/**
 * Open loop, as providers send: each message leaves when due (`dueAt(i)`), whatever the answers
 * take. Resolves once every post has been answered.
 */
export async function sendAll(gatewayUrl: string, channel: Channel, events: SignedEvent[], dueAt: (index: number) => number, recorder?: SendRecorder): Promise<{ refused: number; behindMs: number }> {
  const inFlight = new Set<Promise<void>>();
  let refused = 0;
  let behindMs = 0;
  let seq = 0;
  while (seq < events.length) {
    const now = Date.now();
    for (; seq < events.length && dueAt(seq) <= now; seq++) {
      behindMs = Math.max(behindMs, now - dueAt(seq));
      const current = seq;
      recorder?.sent(current, Date.now());
      const job: Promise<void> = postEvent(gatewayUrl, channel, events[current]).then((status) => {
        if (status >= 200 && status < 300) recorder?.accepted(current, Date.now());
        else refused++;
        inFlight.delete(job);
      });
      inFlight.add(job);
    }
    if (seq < events.length) await new Promise((resolve) => setTimeout(resolve, Math.max(1, dueAt(seq) - Date.now())));
  }
  await Promise.all(inFlight);
  return { refused, behindMs };
}

/** The measured run's sender: message `seq` due at `startAt + seq / rate`, each recorded in the ledger. */
export function sendMeasured(gatewayUrl: string, channel: Channel, events: SignedEvent[], ledger: Ledger, startAt: number, rate: number): Promise<{ refused: number; behindMs: number }> {
  return sendAll(gatewayUrl, channel, events, (seq) => startAt + (seq * 1000) / rate, {
    sent: (seq, at) => (ledger.sentAt[seq] = at),
    accepted: (seq, at) => {
      ledger.accepted[seq] = 1;
      ledger.posted.reach(seq, at);
    },
  });
}
