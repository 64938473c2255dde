import { Inject, Injectable } from '@nestjs/common';
import { ChannelSnapshot, InboundMessageEvent, MessageCreated, ThreadSnapshot } from '@omnibox/contracts';
import { currentCorrelationId } from '@omnibox/platform';
import { withContact } from '../domain/blocking';
import { receiveIncoming, sentAt } from '../domain/incoming-message';
import { newThread, preview } from '../domain/thread';
import { inboundMessageId } from './ids';
import { IncomingMessageSnapshot } from './incoming-message-snapshot';
import { InboundContacts, ResolvedInbound } from './inbound-contacts';
import { TIMELINE, Timeline, TimelineEntry } from './ports';
import { ThreadWriter } from './thread-writer';

/**
 * What an incoming message changes on a thread (announced again when a redelivery finds it applied).
 * The inbox lights dots from an update naming `incomingCount` and `recentIncomingIds` (isIncomingMessageUpdate).
 */
const INCOMING_FIELDS = ['status', 'statusSince', 'episode', 'lastMessage', 'lastMessageAt', 'unreplied', 'lastIncomingAt', 'lastIncomingChannelId', 'lastIncomingByChannel', 'incomingCount', 'recentIncomingIds', 'identities'];

/**
 * CNV-1, CNV-7, CNV-8, MSG-1: a contact's message the gateway accepted. Safe to run twice on one
 * provider event: the message id is derived from the provider's id, and a thread remembers which
 * messages it has counted. The blocked flag comes from the contacts service the first time an
 * identity is seen, then from the thread, which every block and unblock reaches within moments.
 */
@Injectable()
export class IngestInboundMessage {
  constructor(
    private readonly contacts: InboundContacts,
    private readonly writer: ThreadWriter,
    private readonly snapshots: IncomingMessageSnapshot,
    @Inject(TIMELINE) private readonly timeline: Timeline,
  ) {}

  async execute(workspaceId: string, channel: ChannelSnapshot, inbound: InboundMessageEvent, receivedAt: string, attempt = 0): Promise<void> {
    const resolved = await this.contacts.resolve(workspaceId, channel, inbound.contact);
    try {
      await this.receive(workspaceId, channel, inbound, receivedAt, resolved, attempt);
    } finally {
      if (resolved.firstSeen) this.contacts.firstWriteDone(workspaceId, channel.id, inbound.contact.externalId);
    }
  }

  private async receive(workspaceId: string, channel: ChannelSnapshot, inbound: InboundMessageEvent, receivedAt: string, resolved: ResolvedInbound, attempt: number): Promise<void> {
    const id = inboundMessageId(workspaceId, channel.id, inbound.id);
    // CHN-2: the timeline, the lists and the messaging window go by when the contact sent it.
    const at = sentAt(inbound.timestamp, receivedAt);
    const contact = resolved.contact;
    const message = await this.snapshots.of(workspaceId, channel, inbound, id, contact.id, at, contact.blocked);
    const entry: TimelineEntry = {
      id,
      workspaceId,
      contactId: contact.id,
      kind: 'message',
      at,
      // CNV-8: a blocked contact's message is kept for audit, on no timeline and in no inbox.
      visible: !contact.blocked,
      channelId: channel.id,
      providerMessageId: inbound.id,
      ...(message.email?.messageId ? { emailMessageId: message.email.messageId } : {}),
      item: message,
    };
    const actor = { kind: 'contact' as const, id: contact.id };
    const announce = (snapshot: ThreadSnapshot) => [MessageCreated.create({ workspaceId, aggregateId: contact.id, data: { message, thread: snapshot }, actor, correlationId: currentCorrelationId() })];
    const redoKey = `ingest|${id}`;
    // Where `apply` below would change it, a contact first seen gets its thread with the message in it.
    const incoming = { id, channelId: channel.id, at, preview: preview(message.text ?? message.email?.subject, `[${message.type}]`), referral: inbound.referral ?? null };
    if (resolved.firstSeen && !contact.blocked) {
      const first = newThread({ workspaceId, contact, identities: { [channel.id]: inbound.contact.externalId }, now: receivedAt });
      if (await this.writer.create(receiveIncoming(first, incoming, new Date().toISOString()), { actor, extra: announce, redoKey }, [entry])) return;
    } else {
      // Already there when this event is redone after a crash: the same id, the same message.
      await this.timeline.addIngested(entry);
    }
    if (contact.blocked) return;

    const thread = resolved.thread ?? (await this.writer.ensure(newThread({ workspaceId, contact, now: receivedAt })));
    if (thread.recentIncomingIds.includes(id)) {
      // Applied before a crash or a lost acknowledgement: announce it again (same event ids).
      await this.writer.republish(thread, redoKey, INCOMING_FIELDS, announce, actor);
      return;
    }
    // Why the transition did nothing, when it did nothing (set inside it, read after it).
    let outcome = null as 'blocked' | 'gone' | null;
    const applied = await this.writer.apply(
      thread,
      (state) => {
        if (state.recentIncomingIds.includes(id)) return null;
        if (state.deleted || state.contact.blocked) {
          outcome = state.deleted ? 'gone' : 'blocked';
          return null;
        }
        const now = new Date().toISOString();
        const refreshed = withContact(state, { ...contact, blocked: state.contact.blocked }, now);
        const known = { ...refreshed.state, identities: { ...state.identities, [channel.id]: inbound.contact.externalId } };
        const received = receiveIncoming(known, incoming, now);
        return { state: received.state, events: [...refreshed.events, ...received.events] };
      },
      { actor, extra: announce, redoKey },
    );
    if (applied) return;
    if (outcome === 'gone' && attempt === 0) {
      // The contact was merged away or deleted since we looked it up: the contacts service knows
      // where its identity lives now. The message moves with the rest of its timeline.
      this.contacts.forgetIdentity(workspaceId, channel.id, inbound.contact.externalId);
      await this.timeline.remove(id, contact.id);
      return this.execute(workspaceId, channel, inbound, receivedAt, attempt + 1);
    }
    if (outcome === 'blocked') return this.timeline.suppress(id);
    const fresh = await this.writer.find(contact.id);
    if (fresh) await this.writer.republish(fresh, redoKey, INCOMING_FIELDS, announce, actor);
  }
}
