import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  ChannelSnapshot,
  EventEnvelope,
  EventSource,
  InboundChannelEvent,
  InboundContact,
  InboundMessageEvent,
  InboundStatusEvent,
  MessageCreated,
  MessageSnapshot,
  MessageUpdated,
  ProviderEventReceived,
  ThreadSnapshot,
} from '@omnibox/contracts';
import { ConsumerRegistry, Outbox } from '@omnibox/messaging';
import { CONFIG, currentCorrelationId, getLogger } from '@omnibox/platform';
import type { ConversationsConfig } from '../config';
import { ContactsClient, threadContact } from './contacts.client';
import { COLLECTIONS, ConversationsStore, ThreadDoc, TimelineDoc } from './conversations.store';
import { derivedId, stateOf, ThreadsRepository } from './threads.repository';
import { storedAttachmentName } from '../domain/attachments';
import { withContact } from '../domain/blocking';
import { normaliseSubject } from '../domain/email-threading';
import { receiveIncoming } from '../domain/incoming-message';
import { nextStatus } from '../domain/message-status';
import { ThreadState, newThread, preview, snapshotOf } from '../domain/thread';
import { setStatus } from '../domain/thread-status';

/** A Map that forgets its oldest entries beyond `limit`. */
class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }
  override set(key: K, value: V): this {
    if (this.has(key)) this.delete(key);
    else if (this.size >= this.limit) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}

/** What an incoming message changes on a thread (announced again when a redelivery finds it applied). */
const INCOMING_FIELDS = ['status', 'statusSince', 'episode', 'lastMessage', 'lastMessageAt', 'unreplied', 'lastIncomingAt', 'lastIncomingChannelId', 'lastIncomingByChannel', 'incomingCount', 'recentIncomingIds', 'identities'];

/** Our id of an incoming message: the same provider message always gets the same id (idempotent ingress). */
export function inboundMessageId(workspaceId: string, channelId: string, providerId: string): string {
  return derivedId(`${workspaceId}|${channelId}|${providerId}`);
}

/** The partition of a provider event: one contact's messages (or one message's statuses) stay in order. */
export function providerEventKey(event: EventEnvelope): string {
  const data = event.data as { channel?: { id?: string }; event?: { contact?: { externalId?: string }; messageId?: string } };
  const inner = data.event;
  return `${data.channel?.id}|${inner?.contact?.externalId ?? inner?.messageId}`;
}

/**
 * Handles the provider events the gateway accepted (CNV-1, CNV-8, MSG-1, MSG-2, MSG-7, MSG-8). Safe to
 * run twice on one event: the message id is derived from the provider's id, and a thread remembers
 * which messages it has counted.
 */
@Injectable()
export class IngestProviderEvents implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly store: ConversationsStore,
    private readonly threads: ThreadsRepository,
    private readonly contacts: ContactsClient,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(CONFIG) private readonly config: ConversationsConfig,
  ) {}

  onModuleInit() {
    this.registry.add({
      durable: 'conversations-ingress',
      filter: '*.channels.provider_event.received',
      concurrency: this.config.INGEST_CONCURRENCY,
      partitionKey: providerEventKey,
      // Idempotent by construction, so no processed-event bookkeeping on the hot path.
      processed: undefined,
      maxDeliveries: 20,
      handle: async (event) => {
        if (!ProviderEventReceived.is(event)) return;
        const { channel, event: inner, receivedAt } = event.data;
        if (inner.type === 'message') await this.ingestMessage(event.workspaceId, channel, inner, receivedAt);
        else if (inner.type === 'event') await this.ingestChannelEvent(event.workspaceId, channel, inner, receivedAt);
        else await this.applyStatus(event.workspaceId, channel, inner);
      },
    });
  }

  /**
   * Channel identity → contact id, and the latest thread this process wrote for each contact. Both
   * only save reads: a thread written elsewhere meanwhile fails the versioned write and is read
   * again, and a merged-away or deleted contact's thread sends us back to the contacts service.
   */
  private readonly identities = new BoundedMap<string, string>(100_000);
  private readonly threadCache = new BoundedMap<string, ThreadDoc>(20_000);

  private async contactFor(workspaceId: string, channel: ChannelSnapshot, inbound: { contact: InboundContact }): Promise<{ contact: ThreadState['contact']; thread: ThreadDoc | null }> {
    const key = `${workspaceId}|${channel.id}|${inbound.contact.externalId}`;
    const known = this.identities.get(key);
    if (known) {
      const thread = this.threadCache.get(known) ?? (await this.threads.find(known));
      if (thread && !thread.deleted && thread.workspaceId === workspaceId) return { contact: thread.contact, thread };
      this.identities.delete(key);
      this.threadCache.delete(known);
    }
    const { contact } = await this.contacts.resolve(workspaceId, {
      channelId: channel.id,
      channelType: channel.type,
      externalId: inbound.contact.externalId,
      firstName: inbound.contact.firstName,
      lastName: inbound.contact.lastName,
      phone: inbound.contact.phone,
      email: inbound.contact.email,
    });
    this.identities.set(key, contact.id);
    return { contact: threadContact(contact), thread: await this.threads.find(contact.id) };
  }

  /**
   * CNV-1 / CNV-8. The contact's blocked flag comes from the contacts service the first time an
   * identity is seen, then from the thread, which every block and unblock reaches within moments.
   */
  async ingestMessage(workspaceId: string, channel: ChannelSnapshot, inbound: InboundMessageEvent, receivedAt: string, attempt = 0): Promise<void> {
    const id = inboundMessageId(workspaceId, channel.id, inbound.id);
    const resolved = await this.contactFor(workspaceId, channel, inbound);
    const contact = resolved.contact;
    const message = await this.snapshot(workspaceId, channel, inbound, id, contact.id, receivedAt, contact.blocked);
    const row: TimelineDoc = {
      _id: id,
      workspaceId,
      contactId: contact.id,
      kind: 'message',
      at: receivedAt,
      // CNV-8: a blocked contact's message is kept for audit, on no timeline and in no inbox.
      visible: !contact.blocked,
      channelId: channel.id,
      providerMessageId: inbound.id,
      ...(message.email?.messageId ? { emailMessageId: message.email.messageId } : {}),
      item: message,
    };
    // Already there when this event is redone after a crash: the same id, the same message.
    await this.store.timelineInserts.insert(row);
    if (contact.blocked) return;

    const doc = resolved.thread ?? (await this.threads.ensure(newThread({ workspaceId, contact, now: receivedAt })));
    const actor = { kind: 'contact' as const, id: contact.id };
    const announce = (thread: ThreadSnapshot) => [MessageCreated.create({ workspaceId, aggregateId: contact.id, data: { message, thread }, actor, correlationId: currentCorrelationId() })];
    const redoKey = `ingest|${id}`;
    if (doc.recentIncomingIds.includes(id)) {
      // Applied before a crash or a lost acknowledgement: announce it again (same event ids).
      await this.threads.republish(doc, redoKey, INCOMING_FIELDS, announce, actor);
      return;
    }
    let blockedMeanwhile = false;
    let goneMeanwhile = false;
    const applied = await this.threads.apply(
      doc,
      (state) => {
        if (state.recentIncomingIds.includes(id)) return null;
        if (state.deleted) {
          goneMeanwhile = true;
          return null;
        }
        if (state.contact.blocked) {
          blockedMeanwhile = true;
          return null;
        }
        const now = new Date().toISOString();
        const refreshed = withContact(state, { ...contact, blocked: state.contact.blocked }, now);
        const known = { ...refreshed.state, identities: { ...state.identities, [channel.id]: inbound.contact.externalId } };
        const received = receiveIncoming(known, { id, channelId: channel.id, at: receivedAt, preview: preview(message.text ?? message.email?.subject, `[${message.type}]`), referral: inbound.referral ?? null }, now);
        return { state: received.state, events: [...refreshed.events, ...received.events] };
      },
      { actor, extra: announce, redoKey },
    );
    if (applied) {
      this.threadCache.set(contact.id, applied.doc);
      return;
    }
    this.threadCache.delete(contact.id);
    if (goneMeanwhile && attempt === 0) {
      // The contact was merged away or deleted since we looked it up: the contacts service knows
      // where its identity lives now. The message moves with the rest of its timeline.
      this.identities.delete(`${workspaceId}|${channel.id}|${inbound.contact.externalId}`);
      await this.store.timeline.deleteOne({ _id: id, contactId: contact.id });
      return this.ingestMessage(workspaceId, channel, inbound, receivedAt, attempt + 1);
    }
    if (blockedMeanwhile) {
      await this.store.timeline.updateOne({ _id: id }, { $set: { visible: false, 'item.suppressed': true } });
      return;
    }
    const fresh = await this.threads.find(contact.id);
    if (fresh) await this.threads.republish(fresh, redoKey, INCOMING_FIELDS, announce, actor);
  }

  /**
   * CNV-9 channel events: an opening without a message (welcome, get-started, click-to-chat) opens the
   * conversation with that source; a web-chat page change or a channel notice is recorded on the
   * timeline. Nothing from a blocked contact reaches the thread (CNV-8).
   */
  async ingestChannelEvent(workspaceId: string, channel: ChannelSnapshot, inbound: InboundChannelEvent, receivedAt: string): Promise<void> {
    const resolved = await this.contactFor(workspaceId, channel, inbound);
    if (resolved.contact.blocked) return;
    const doc = resolved.thread ?? (await this.threads.ensure(newThread({ workspaceId, contact: resolved.contact, now: receivedAt })));
    const key = inboundMessageId(workspaceId, channel.id, `event|${inbound.id}`);
    const applied = await this.threads.apply(
      doc,
      (state) => {
        if (state.deleted || state.contact.blocked || state.recentIncomingIds.includes(key)) return null;
        const now = new Date().toISOString();
        const seen = { ...state, recentIncomingIds: [...state.recentIncomingIds, key].slice(-20), identities: { ...state.identities, [channel.id]: inbound.contact.externalId } };
        const { category, type, data } = inbound.event;
        const referral = inbound.referral ?? null;
        if (category === 'open') {
          const opened = setStatus(seen, 'open', type as EventSource, null, now);
          if (opened.events.length) return { state: opened.state, events: opened.events.map((event) => ({ ...event, data: { ...event.data, ...data, channelId: channel.id }, referral })) };
        }
        return { state: { ...seen, updatedAt: now }, events: [{ category: category === 'open' ? 'channel' : category, type, source: 'contact', actorId: null, data: { ...data, channelId: channel.id }, referral }] };
      },
      { actor: { kind: 'contact', id: resolved.contact.id }, redoKey: `channel-event|${key}` },
    );
    if (applied) this.threadCache.set(resolved.contact.id, applied.doc);
    else this.threadCache.delete(resolved.contact.id);
  }

  private async snapshot(
    workspaceId: string,
    channel: ChannelSnapshot,
    inbound: InboundMessageEvent,
    id: string,
    contactId: string,
    receivedAt: string,
    blocked: boolean,
  ): Promise<MessageSnapshot> {
    const body = inbound.message;
    // MSG-4: the provider names the quoted message by its own id (or ours).
    let replyToId: string | null = null;
    if (body.replyToId) {
      const quoted =
        (await this.store.timeline.findOne({ _id: inboundMessageId(workspaceId, channel.id, body.replyToId) }, { projection: { _id: 1, contactId: 1 } })) ??
        (await this.store.timeline.findOne({ providerMessageId: body.replyToId, channelId: channel.id }, { projection: { _id: 1, contactId: 1 } })) ??
        (await this.store.timeline.findOne({ _id: body.replyToId }, { projection: { _id: 1, contactId: 1 } }));
      if (quoted && quoted.contactId === contactId) replyToId = quoted._id;
    }
    let email: MessageSnapshot['email'] = null;
    if (body.type === 'email' || body.email) {
      const given = body.email ?? {};
      let threadKey = id;
      if (given.inReplyTo) {
        // MSG-8: a reply threads under the e-mail it answers, unless its subject was changed.
        const answered = await this.store.timeline.findOne({ emailMessageId: given.inReplyTo }, { projection: { contactId: 1, item: 1 } });
        const answeredEmail = answered?.item.kind === 'message' ? answered.item.email : null;
        if (answered && answered.contactId === contactId && answeredEmail && normaliseSubject(answeredEmail.subject) === normaliseSubject(given.subject)) {
          threadKey = answeredEmail.threadKey ?? threadKey;
        }
      }
      email = { subject: given.subject, html: given.html, cc: given.cc ?? [], messageId: given.messageId, inReplyTo: given.inReplyTo, threadKey };
    }
    const unsupported = body.type === 'unsupported';
    return {
      kind: 'message',
      id,
      contactId,
      direction: 'incoming',
      channelId: channel.id,
      type: body.type,
      // MSG-7: unsupported content keeps its raw payload and shows a fallback text.
      text: body.text ?? (unsupported ? 'Unsupported message: open the raw payload to see it' : null),
      status: 'received',
      error: null,
      sender: { category: 'contact', name: [inbound.contact.firstName, inbound.contact.lastName].filter(Boolean).join(' ') || undefined },
      replyToId,
      linkPreview: null,
      attachment: body.attachment ? { ...body.attachment, storedName: storedAttachmentName(id, body.attachment.fileName) } : null,
      template: null,
      email,
      payload: body.payload ?? null,
      broadcastId: null,
      suppressed: blocked,
      createdAt: receivedAt,
    };
  }

  /** MSG-2: a provider status moves the message forward; `failed` keeps the provider's error text. */
  async applyStatus(workspaceId: string, channel: ChannelSnapshot, status: InboundStatusEvent): Promise<void> {
    const row =
      (await this.store.timeline.findOne({ providerMessageId: status.messageId, channelId: channel.id })) ??
      (await this.store.timeline.findOne({ _id: status.messageId }));
    if (!row || row.workspaceId !== workspaceId || row.item.kind !== 'message' || row.item.direction !== 'outgoing') {
      // The status may overtake our own record of the send; retried with back-off, then parked.
      throw new Error(`no outgoing message ${status.messageId} on channel ${channel.id} yet`);
    }
    const next = nextStatus(row.item.status, status.status);
    if (!next) return;
    const message: MessageSnapshot = { ...row.item, status: next, error: next === 'failed' ? status.error ?? 'the provider reported a failure' : row.item.error };
    const thread = await this.threads.find(row.contactId);
    const events = thread ? [MessageUpdated.create({ workspaceId, aggregateId: row.contactId, data: { message, thread: snapshotOf(stateOf(thread)) }, correlationId: currentCorrelationId() })] : [];
    await this.outbox.update<TimelineDoc>(COLLECTIONS.timeline, { _id: row._id }, { $set: { 'item.status': next, 'item.error': message.error } }, events);
    getLogger().debug({ messageId: row._id, status: next }, 'message status updated');
  }
}
