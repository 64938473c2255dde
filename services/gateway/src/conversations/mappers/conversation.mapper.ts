import type { ConversationAnswer } from '@omnibox/contracts';

/**
 * API.md `conversation`: every field present, `null` when empty. Also `episode` (open→closed spans so
 * far) and `typingUserIds` (MSG-9), which clients get beyond API.md.
 */
export function conversationJson(conversation: ConversationAnswer) {
  const { contact, lastMessage } = conversation;
  return {
    contactId: conversation.contactId,
    contact: contact && { id: contact.id, firstName: contact.firstName, lastName: contact.lastName ?? null, blocked: contact.blocked },
    status: conversation.status,
    previousStatus: conversation.previousStatus ?? null,
    snoozedUntil: conversation.snoozedUntil ?? null,
    assigneeId: conversation.assigneeId ?? null,
    teamId: conversation.teamId ?? null,
    collaboratorIds: conversation.collaboratorIds,
    unreadCount: conversation.unreadCount,
    lastMessage: lastMessage && { id: lastMessage.id, direction: lastMessage.direction, at: lastMessage.at, preview: lastMessage.preview },
    lastMessageAt: conversation.lastMessageAt ?? null,
    lastIncomingAt: conversation.lastIncomingAt ?? null,
    statusSince: conversation.statusSince,
    episode: conversation.episode,
    typingUserIds: conversation.typingUserIds,
  };
}
