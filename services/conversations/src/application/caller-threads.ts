import { Inject, Injectable } from '@nestjs/common';
import { CallerScope, canSeeThread, EventActor } from '@omnibox/contracts';
import { notFound, ruleViolation } from '@omnibox/platform';
import { withContact } from '../domain/blocking';
import { Actor, newThread, RuleRefusal, ThreadState, Transition } from '../domain/thread';
import { CONTACTS, Contacts, TYPING, Typing, VersionedThread } from './ports';
import { ExtraEvents, ThreadWriter } from './thread-writer';

export function actorOf(caller: CallerScope): Actor {
  return { id: caller.principalId, kind: caller.kind, teamIds: caller.teamIds };
}

export function eventActor(caller: CallerScope): EventActor {
  return { kind: caller.kind, id: caller.principalId };
}

/** A product rule refuses: 422 with the rule's code. */
export function refuse(refusal: RuleRefusal): never {
  throw ruleViolation(refusal.refused, refusal.message);
}

/** API.md `conversation` for one caller: the thread, and who else is typing to the contact (MSG-9). */
export interface ConversationView {
  thread: ThreadState;
  typingUserIds: string[];
}

/**
 * The threads a gateway caller acts on. Every read and act starts from `visible`: a thread the caller
 * may not see is a 404 (VIS-4).
 */
@Injectable()
export class CallerThreads {
  constructor(
    private readonly writer: ThreadWriter,
    @Inject(CONTACTS) private readonly contacts: Contacts,
    @Inject(TYPING) private readonly typing: Typing,
  ) {}

  /** The caller's thread of a contact; created on first use from the contacts service (which applies visibility). */
  async visible(caller: CallerScope, contactId: string): Promise<VersionedThread> {
    let thread = await this.writer.find(contactId);
    if (!thread) {
      const record = await this.contacts.get(caller, contactId);
      thread = await this.writer.ensure(
        newThread({ workspaceId: caller.workspaceId, contact: record.contact, assigneeId: record.assigneeId || null, teamId: record.teamId || null, now: new Date().toISOString() }),
      );
    }
    if (thread.workspaceId !== caller.workspaceId || thread.deleted || !canSeeThread(caller, thread)) throw notFound('Conversation');
    return thread;
  }

  /** Fresh contact details (blocked, phone, e-mail) before acting on its thread (CNV-8, MSG-11). */
  async refreshContact(thread: VersionedThread): Promise<VersionedThread> {
    const { contact } = await this.contacts.getAsSystem(thread.workspaceId, thread.contactId);
    if (JSON.stringify(contact) === JSON.stringify(thread.contact)) return thread;
    const applied = await this.writer.apply(thread, (state) => withContact(state, contact, new Date().toISOString()));
    return applied?.thread ?? thread;
  }

  /** Applies a caller's transition and answers the conversation as they now see it. */
  async act(caller: CallerScope, thread: VersionedThread, transition: (state: ThreadState, now: string) => Transition | null, options: { force?: boolean; extra?: ExtraEvents } = {}): Promise<ConversationView> {
    const applied = await this.writer.apply(thread, (state) => transition(state, new Date().toISOString()), { actor: eventActor(caller), ...options });
    return this.view(caller, applied?.thread ?? thread);
  }

  async view(caller: CallerScope, thread: ThreadState): Promise<ConversationView> {
    const typing = await this.typing.typingUsers(thread.contactId);
    return { thread, typingUserIds: typing.filter((id) => id !== caller.principalId) };
  }
}
