import { Inject, Injectable } from '@nestjs/common';
import {
  BroadcastRequested,
  CallerScope,
  canSeeThread,
  ChannelSnapshot,
  CommentCreated,
  CommentSnapshot,
  conversationOf,
  EventActor,
  MessageCreated,
  MessageSendRequested,
  MessageSnapshot,
  ThreadWoke,
  TimelineItem,
} from '@omnibox/contracts';
import { Outbox } from '@omnibox/messaging';
import { AppError, CONFIG, currentCorrelationId, invalidInput, notFound, REDIS, RedisHandle, ruleViolation } from '@omnibox/platform';
import type { ConversationsConfig } from '../config';
import { HttpChannelAdapter } from './channel-adapter';
import { ContactsClient, threadContact } from './contacts.client';
import { COLLECTIONS, ConversationsStore, ThreadDoc, TimelineDoc } from './conversations.store';
import { fetchLinkPreview } from './link-preview';
import { SnoozeSchedule } from './snooze-schedule';
import { ExtraEvents, newId, stateOf, ThreadsRepository } from './threads.repository';
import { AssignCommand, assign } from '../domain/assignment';
import { storedAttachmentName } from '../domain/attachments';
import { withContact } from '../domain/blocking';
import { chooseChannel } from '../domain/channel-switcher';
import { addCollaborator, removeCollaborator } from '../domain/collaborators';
import { outgoingEmailThread } from '../domain/email-threading';
import { firstUrl } from '../domain/link-preview';
import { mention } from '../domain/mentions';
import { checkMessagingWindow } from '../domain/messaging-window';
import { sendOutgoing } from '../domain/outgoing-message';
import { snooze, wake } from '../domain/snooze';
import { Actor, RuleRefusal, ThreadState, Transition, newThread, preview, snapshotOf, sourceOf } from '../domain/thread';
import { setStatus } from '../domain/thread-status';
import { markRead } from '../domain/unread';

export interface SendMessageInput {
  type: 'text' | 'template' | 'attachment' | 'email';
  text?: string;
  channelId?: string;
  replyToId?: string;
  linkPreview?: boolean;
  template?: { name: string; language: string; parameters?: string[] };
  attachment?: { kind: string; url: string; fileName: string };
  email?: { subject?: string; cc?: string[]; bcc?: string[]; replyToMessageId?: string };
}

export interface TimelinePage {
  items: TimelineItem[];
  nextCursor: string | null;
}

const isRefusal = (value: unknown): value is RuleRefusal => typeof value === 'object' && value !== null && 'refused' in value;
const refuse = (refusal: RuleRefusal): never => {
  throw ruleViolation(refusal.refused, refusal.message);
};

export function actorOf(caller: CallerScope): Actor {
  return { id: caller.principalId, kind: caller.kind, teamIds: caller.teamIds };
}
export function eventActor(caller: CallerScope): EventActor {
  return { kind: caller.kind, id: caller.principalId };
}

/** API.md `conversation` for one caller (the shape lists and pushes use), with who else is typing. */
export function conversationView(doc: ThreadDoc | ThreadState, userId: string, typingUserIds: string[] = []) {
  return { ...conversationOf(doc, userId), typingUserIds: typingUserIds.filter((id) => id !== userId) };
}

const TIMELINE_CURSOR = /^[0-9TZ:.-]{10,40}\|[A-Za-z0-9_-]{1,64}$/;

/**
 * Conversations use cases for the gateway (CNV-2…8, MSG-1…11, SRC-1…3). Every read and act starts
 * from `visibleThread`: a thread the caller may not see is a 404 (VIS-4).
 */
@Injectable()
export class ConversationsService {
  private readonly adapter = new HttpChannelAdapter();

  constructor(
    private readonly store: ConversationsStore,
    private readonly threads: ThreadsRepository,
    private readonly contacts: ContactsClient,
    private readonly snoozes: SnoozeSchedule,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(REDIS) private readonly redis: RedisHandle,
    @Inject(CONFIG) private readonly config: ConversationsConfig,
  ) {}

  /** The caller's thread of a contact; created on first use from the contacts service (which applies visibility). */
  async visibleThread(caller: CallerScope, contactId: string): Promise<ThreadDoc> {
    let doc = await this.threads.find(contactId);
    if (!doc) {
      const contact = await this.contacts.get(caller, contactId);
      doc = await this.threads.ensure(
        newThread({ workspaceId: caller.workspaceId, contact: threadContact(contact), assigneeId: contact.assigneeId || null, teamId: contact.teamId || null, now: new Date().toISOString() }),
      );
    }
    if (doc.workspaceId !== caller.workspaceId || doc.deleted || !canSeeThread(caller, doc)) throw notFound('Conversation');
    return doc;
  }

  async get(caller: CallerScope, contactId: string) {
    const doc = await this.visibleThread(caller, contactId);
    return conversationView(doc, caller.principalId, await this.typingUsers(contactId));
  }

  /** CNV-9: messages, comments and events, newest first, keyset-paginated by (time, id). */
  async timeline(caller: CallerScope, contactId: string, limit: number, cursor?: string): Promise<TimelinePage> {
    await this.visibleThread(caller, contactId);
    let before: { at: string; id: string } | undefined;
    if (cursor) {
      const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
      if (!TIMELINE_CURSOR.test(decoded)) throw invalidInput('cursor', 'must be a nextCursor value from a previous page');
      const [at, id] = decoded.split('|');
      before = { at, id };
    }
    const filter: Record<string, unknown> = { contactId, visible: true, workspaceId: caller.workspaceId };
    if (before) filter.$or = [{ at: { $lt: before.at } }, { at: before.at, _id: { $lt: before.id } }];
    const rows = await this.store.timeline.find(filter).sort({ at: -1, _id: -1 }).limit(limit + 1).toArray();
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const last = page[page.length - 1];
    return { items: page.map((row) => row.item), nextCursor: more && last ? Buffer.from(`${last.at}|${last._id}`).toString('base64url') : null };
  }

  /** Fresh contact details (blocked, phone, e-mail) before acting on its thread. */
  private async refreshContact(doc: ThreadDoc): Promise<ThreadDoc> {
    const contact = threadContact(await this.contacts.getAsSystem(doc.workspaceId, doc.contactId));
    if (JSON.stringify(contact) === JSON.stringify(doc.contact)) return doc;
    const applied = await this.threads.apply(doc, (state) => withContact(state, contact, new Date().toISOString()));
    return applied?.doc ?? doc;
  }

  /** MSG-1…11: an outgoing message from a user or API token, delivered by its channel's adapter. */
  async send(caller: CallerScope, contactId: string, input: SendMessageInput, senderName: string | undefined, channels: ChannelSnapshot[]) {
    let doc = await this.visibleThread(caller, contactId);
    doc = await this.refreshContact(doc);
    if (doc.contact.blocked) throw ruleViolation('contact_blocked', 'The contact is blocked: nothing can be sent to it until it is unblocked (CNV-8)');
    this.checkShape(input);

    let requested = input.channelId;
    if (!requested && input.type === 'email') {
      const latest = channels.find((channel) => channel.id === doc.lastIncomingChannelId);
      requested = latest?.type === 'email' ? latest.id : channels.find((channel) => channel.type === 'email' && (doc.identities[channel.id] || doc.contact.email))?.id;
      if (!requested) refuse({ refused: 'no_email_channel', message: 'No e-mail channel reaches this contact: connect an e-mail channel and give the contact an e-mail address' });
    }
    const chosen = chooseChannel(doc, channels, requested);
    if ('unknownChannel' in chosen) throw invalidInput('channelId', 'is not a channel of this workspace');
    if (isRefusal(chosen)) refuse(chosen);
    const { channel, address } = chosen as { channel: ChannelSnapshot; address: string };
    if ((channel.type === 'email') !== (input.type === 'email')) {
      refuse({ refused: 'wrong_message_type', message: channel.type === 'email' ? 'E-mail channels send messages of type "email"' : 'Messages of type "email" go out on e-mail channels only' });
    }
    const now = new Date();
    const windowRefusal = checkMessagingWindow(doc, channel, input.type, now);
    if (windowRefusal) refuse(windowRefusal);

    const id = newId();
    const replyTo = input.replyToId ? await this.messageOfThread(doc, input.replyToId, 'replyToId') : null;
    let email: MessageSnapshot['email'] = null;
    let emailMessageId: string | undefined;
    if (input.type === 'email') {
      const answered = input.email?.replyToMessageId ? await this.messageOfThread(doc, input.email.replyToMessageId, 'email.replyToMessageId') : null;
      if (answered && answered.item.kind === 'message' && answered.item.type !== 'email') throw invalidInput('email.replyToMessageId', 'is not an e-mail');
      const answeredEmail = answered?.item.kind === 'message' ? answered.item.email : null;
      const threading = outgoingEmailThread(
        { subject: input.email?.subject, replyTo: answered ? { subject: answeredEmail?.subject ?? null, messageId: answeredEmail?.messageId ?? null, threadKey: answeredEmail?.threadKey ?? null } : null },
        id,
      );
      if (isRefusal(threading)) refuse(threading);
      const { subject, threadKey, inReplyTo } = threading as Exclude<typeof threading, RuleRefusal>;
      emailMessageId = `<${id}@omnibox.mail>`;
      email = { subject, cc: input.email?.cc ?? [], bcc: input.email?.bcc ?? [], messageId: emailMessageId, inReplyTo: inReplyTo ?? undefined, threadKey };
    }
    const url = input.type === 'text' && channel.config.supportsLinkPreview && input.linkPreview !== false ? firstUrl(input.text) : null;
    const linkPreview = url
      ? await fetchLinkPreview(url, { timeoutMs: this.config.LINK_PREVIEW_TIMEOUT_MS, maxBytes: this.config.LINK_PREVIEW_MAX_BYTES, allowPrivate: this.config.LINK_PREVIEW_ALLOW_PRIVATE === 'true' })
      : null;

    const message: MessageSnapshot = {
      kind: 'message',
      id,
      contactId,
      direction: 'outgoing',
      channelId: channel.id,
      type: input.type,
      text: input.text ?? null,
      status: 'pending',
      error: null,
      sender: caller.kind === 'api' ? { category: 'api', name: senderName } : { category: 'user', userId: caller.principalId, name: senderName },
      replyToId: replyTo?._id ?? null,
      linkPreview,
      attachment: input.attachment ? { ...input.attachment, storedName: storedAttachmentName(id, input.attachment.fileName) } : null,
      template: input.template ? { name: input.template.name, language: input.template.language, parameters: input.template.parameters ?? [] } : null,
      email,
      payload: null,
      broadcastId: null,
      suppressed: false,
      createdAt: now.toISOString(),
    };
    const actor = actorOf(caller);
    const transition = (state: ThreadState) => sendOutgoing(state, { id, at: message.createdAt, preview: preview(message.text ?? email?.subject, `[${message.type}]`), broadcast: false }, actor, new Date().toISOString());
    await this.storeOutgoing(doc, message, channel, address, transition(stateOf(doc)).state, emailMessageId);
    await this.threads.apply(doc, transition, { actor: eventActor(caller) });
    return message;
  }

  /** Stores an outgoing message with the event that makes the delivery worker send it. */
  async storeOutgoing(doc: ThreadDoc, message: MessageSnapshot, channel: ChannelSnapshot, address: string, threadAfter: ThreadState, emailMessageId?: string) {
    const row: TimelineDoc = {
      _id: message.id,
      workspaceId: doc.workspaceId,
      contactId: doc.contactId,
      kind: 'message',
      at: message.createdAt,
      visible: true,
      channelId: channel.id,
      delivery: { address, channelType: channel.type, outboundUrl: channel.config.outboundUrl, replyContext: channel.config.supportsReplyContext },
      ...(emailMessageId ? { emailMessageId } : {}),
      item: message,
    };
    const base = { workspaceId: doc.workspaceId, aggregateId: doc.contactId, correlationId: currentCorrelationId() };
    const created = MessageCreated.create({ ...base, data: { message, thread: snapshotOf(threadAfter) } });
    const sendRequested = MessageSendRequested.create({ ...base, data: { messageId: message.id, contactId: doc.contactId } });
    await this.outbox.insert(COLLECTIONS.timeline, row, [created, sendRequested]);
  }

  private checkShape(input: SendMessageInput) {
    if ((input.type === 'text' || input.type === 'email') && !input.text?.trim() && !(input.type === 'email' && input.attachment)) throw invalidInput('text', `is required for a ${input.type} message`);
    if (input.type === 'template' && !input.template) throw invalidInput('template', 'is required for a template message');
    if (input.type === 'attachment' && !input.attachment) throw invalidInput('attachment', 'is required for an attachment message');
  }

  /** A visible message of this thread (reply-to context, e-mail replies); 400 naming the field otherwise. */
  private async messageOfThread(doc: ThreadDoc, messageId: string, field: string): Promise<TimelineDoc> {
    const row = await this.store.timeline.findOne({ _id: messageId });
    if (!row || row.contactId !== doc.contactId || row.kind !== 'message' || !row.visible) throw invalidInput(field, 'is not a message of this conversation');
    return row;
  }

  /** SRC-1…3: an internal comment; mentioned users are granted 24 h of access and notified. */
  async comment(caller: CallerScope, contactId: string, text: string, mentionIds: string[]) {
    const doc = await this.visibleThread(caller, contactId);
    const now = new Date().toISOString();
    const comment: CommentSnapshot = { kind: 'comment', id: newId(), contactId, text, authorId: caller.principalId, mentionIds, createdAt: now };
    await this.store.timeline.insertOne({ _id: comment.id, workspaceId: doc.workspaceId, contactId, kind: 'comment', at: now, visible: true, item: comment });
    await this.threads.apply(doc, (state) => ({ state: mention(state, mentionIds, caller.principalId, now), events: [] }), {
      actor: eventActor(caller),
      force: true,
      extra: (thread) => [CommentCreated.create({ workspaceId: doc.workspaceId, aggregateId: contactId, data: { comment, thread }, actor: eventActor(caller), correlationId: currentCorrelationId() })],
    });
    return comment;
  }

  /** CNV-4. Round-robin picks the next team member from a shared counter, so concurrent picks stay fair. */
  async assign(caller: CallerScope, contactId: string, command: AssignCommand | { mode: 'round_robin'; teamId: string; memberIds: string[] }) {
    const doc = await this.visibleThread(caller, contactId);
    let resolved: AssignCommand;
    if (command.mode === 'round_robin' && 'memberIds' in command) {
      const members = [...new Set(command.memberIds)].sort();
      if (members.length === 0) refuse({ refused: 'team_empty', message: 'The team has no members to assign by round-robin' });
      const turn = await this.redis.redis.incr(`conversations:round-robin:${caller.workspaceId}:${command.teamId}`);
      resolved = { mode: 'round_robin', teamId: command.teamId, userId: members[(turn - 1) % members.length] };
    } else {
      resolved = command as AssignCommand;
    }
    return this.act(caller, doc, (state, now) => assign(state, resolved, actorOf(caller), now), true);
  }

  async addCollaborator(caller: CallerScope, contactId: string, userId: string) {
    const doc = await this.visibleThread(caller, contactId);
    return this.act(caller, doc, (state, now) => addCollaborator(state, userId, actorOf(caller), now));
  }

  async removeCollaborator(caller: CallerScope, contactId: string, userId: string) {
    const doc = await this.visibleThread(caller, contactId);
    return this.act(caller, doc, (state, now) => removeCollaborator(state, userId, actorOf(caller), now));
  }

  /** CNV-6: close or open, with an optional category and summary; closing or opening ends a snooze. */
  async setStatus(caller: CallerScope, contactId: string, status: 'open' | 'closed', details: { category?: string; summary?: string }) {
    const doc = await this.visibleThread(caller, contactId);
    const result = await this.act(caller, doc, (state, now) => setStatus(state, status, sourceOf(actorOf(caller)), caller.principalId, now, details));
    await this.snoozes.cancel(doc.workspaceId, contactId);
    return result;
  }

  /** CNV-7. */
  async snooze(caller: CallerScope, contactId: string, until: Date) {
    if (until.getTime() <= Date.now()) throw invalidInput('until', 'must be in the future');
    let doc = await this.visibleThread(caller, contactId);
    doc = await this.refreshContact(doc);
    const result = await this.act(caller, doc, (state, now) => {
      const outcome = snooze(state, until.toISOString(), actorOf(caller), now);
      if (isRefusal(outcome)) refuse(outcome);
      return outcome as Transition;
    });
    await this.snoozes.schedule(doc.workspaceId, contactId, until);
    return result;
  }

  /** CNV-7: unsnooze early, back to the status the snooze interrupted. */
  async unsnooze(caller: CallerScope, contactId: string) {
    const doc = await this.visibleThread(caller, contactId);
    const until = doc.snoozedUntil ?? '';
    const result = await this.act(caller, doc, (state, now) => wake(state, actorOf(caller), now), false, true, (thread) => [
      ThreadWoke.create({ workspaceId: doc.workspaceId, aggregateId: contactId, data: { thread, snoozedUntil: until, early: true }, actor: eventActor(caller), correlationId: currentCorrelationId() }),
    ]);
    await this.snoozes.cancel(doc.workspaceId, contactId);
    return result;
  }

  /** INB-7. */
  async markRead(caller: CallerScope, contactId: string) {
    const doc = await this.visibleThread(caller, contactId);
    return this.act(caller, doc, (state, now) => ({ state: markRead(state, caller.principalId, now), events: [] }));
  }

  /**
   * MSG-9: who is typing lives in Redis for a few seconds; other agents see it on the conversation and
   * through realtime pushes, and the contact sees it on channels that support it.
   */
  async typing(caller: CallerScope, contactId: string, typing: boolean, channels: ChannelSnapshot[]) {
    const doc = await this.visibleThread(caller, contactId);
    const key = `conversations:typing:${contactId}`;
    const redis = this.redis.redis;
    if (typing) await redis.multi().hset(key, caller.principalId, String(Date.now() + 6000)).pexpire(key, 6000).exec();
    else await redis.hdel(key, caller.principalId);
    await redis.publish(
      `conversations:realtime:${doc.workspaceId}`,
      JSON.stringify({ type: 'typing', workspaceId: doc.workspaceId, contactId, userId: caller.principalId, typing, thread: snapshotOf(stateOf(doc)) }),
    );
    const channel = channels.find((candidate) => candidate.id === doc.lastIncomingChannelId);
    if (channel?.config.supportsTyping && doc.identities[channel.id]) {
      void this.adapter.typing(
        { channelId: channel.id, channelType: channel.type, outboundUrl: channel.config.outboundUrl, replyContext: false, contact: { id: contactId, address: doc.identities[channel.id], firstName: doc.contact.firstName, lastName: doc.contact.lastName } },
        typing,
      );
    }
    return { typing, typingUserIds: (await this.typingUsers(contactId)).filter((id) => id !== caller.principalId) };
  }

  async typingUsers(contactId: string): Promise<string[]> {
    const entries = await this.redis.redis.hgetall(`conversations:typing:${contactId}`).catch(() => ({}) as Record<string, string>);
    const now = Date.now();
    return Object.entries(entries)
      .filter(([, until]) => Number(until) > now)
      .map(([userId]) => userId);
  }

  /** MSG-5: a message, only for users who can see its thread. */
  async message(caller: CallerScope, messageId: string) {
    const row = await this.store.timeline.findOne({ _id: messageId });
    if (!row || row.kind !== 'message' || !row.visible || row.workspaceId !== caller.workspaceId) throw notFound('Message');
    try {
      await this.visibleThread(caller, row.contactId);
    } catch (error) {
      if (error instanceof AppError && error.status === 404) throw notFound('Message');
      throw error;
    }
    return row.item as MessageSnapshot;
  }

  /** API.md `POST /v1/broadcasts`: accepted at once (202), sent by the broadcast worker. */
  async broadcast(
    caller: CallerScope,
    contactIds: string[],
    message: { type: 'text' | 'template'; text?: string; template?: { name: string; language: string; parameters?: string[] } },
    channels: ChannelSnapshot[],
    senderName?: string,
  ) {
    const unique = [...new Set(contactIds)];
    const id = newId();
    const event = BroadcastRequested.create({
      workspaceId: caller.workspaceId,
      aggregateId: id,
      data: { broadcastId: id, contactIds: unique, message: { type: message.type, text: message.text, template: message.template ? { ...message.template, parameters: message.template.parameters ?? [] } : undefined }, channels, senderName },
      actor: eventActor(caller),
      correlationId: currentCorrelationId(),
    });
    await this.outbox.insert(COLLECTIONS.broadcasts, { _id: id, workspaceId: caller.workspaceId, contactIds: unique, createdBy: caller.principalId, createdAt: new Date() }, [event]);
    return { id, count: unique.length };
  }

  /** CNV-9: a workflow or bot records what it did (workflow started / ended, bot on / off). */
  async recordEvent(caller: CallerScope, contactId: string, category: 'workflow' | 'bot', type: string, data: Record<string, unknown> | null) {
    const doc = await this.visibleThread(caller, contactId);
    const applied = await this.threads.apply(
      doc,
      (state) => ({ state: { ...state, updatedAt: new Date().toISOString() }, events: [{ category, type, source: category, actorId: caller.principalId, data: data ?? undefined }] }),
      { actor: eventActor(caller) },
    );
    return applied!.recorded[0];
  }

  /** Applies a transition for a caller and answers the conversation as they now see it. */
  private async act(
    caller: CallerScope,
    doc: ThreadDoc,
    transition: (state: ThreadState, now: string) => Transition | null,
    force = false,
    refuseIfNoop = false,
    extra?: ExtraEvents,
  ) {
    const applied = await this.threads.apply(doc, (state) => transition(state, new Date().toISOString()), { actor: eventActor(caller), force, extra });
    if (!applied && refuseIfNoop) refuse({ refused: 'not_snoozed', message: 'The conversation is not snoozed' });
    return conversationView(applied?.doc ?? doc, caller.principalId, await this.typingUsers(doc.contactId));
  }
}
