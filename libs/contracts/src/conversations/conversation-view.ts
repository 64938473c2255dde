/**
 * API.md `conversation` for one user, from a thread as events carry it (ThreadSnapshot) or as the
 * conversations service stores it: what inbox lists, the conversation endpoint and realtime pushes show.
 * Each user sees their own unread count (INB-7): incoming messages since they last read the thread.
 */
export function conversationOf(
  thread: {
    contactId: string;
    contact: { id: string; firstName: string; lastName: string | null; blocked: boolean };
    status: string;
    previousStatus: string | null;
    snoozedUntil: string | null;
    assigneeId: string | null;
    teamId: string | null;
    collaboratorIds: string[];
    incomingCount: number;
    reads?: Record<string, number>;
    lastMessage: { id: string; direction: string; at: string; preview: string } | null;
    lastMessageAt: string | null;
    lastIncomingAt: string | null;
    statusSince: string;
    episode?: number;
  },
  userId: string,
) {
  return {
    contactId: thread.contactId,
    contact: { id: thread.contact.id, firstName: thread.contact.firstName, lastName: thread.contact.lastName, blocked: thread.contact.blocked },
    status: thread.status,
    previousStatus: thread.previousStatus,
    snoozedUntil: thread.snoozedUntil,
    assigneeId: thread.assigneeId,
    teamId: thread.teamId,
    collaboratorIds: thread.collaboratorIds,
    unreadCount: Math.max(0, thread.incomingCount - (thread.reads?.[userId] ?? 0)),
    lastMessage: thread.lastMessage,
    lastMessageAt: thread.lastMessageAt,
    lastIncomingAt: thread.lastIncomingAt,
    statusSince: thread.statusSince,
    episode: thread.episode ?? 0,
  };
}

/** API.md `conversation`. */
export type ConversationView = ReturnType<typeof conversationOf>;
