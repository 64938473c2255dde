import { CommentCreated, CommentSnapshot, EventEnvelope, MessageCreated, MessageSnapshot, MessageUpdated, ThreadSnapshot, ThreadUpdated } from '@omnibox/contracts';
import { withThreadAccess } from '../domain/contact-document';
import { isSearchableMessage } from '../domain/documents';
import type { IndexingBatch } from './indexing-batch';

/** The conversations service's events the indexes are built from. */
export const CONVERSATION_EVENT_TYPES = [MessageCreated.type, MessageUpdated.type, CommentCreated.type, ThreadUpdated.type];

/**
 * Applies one event of the conversations service to the batch: the thread's access (VIS-2/3), which
 * every message and comment event carries, goes on its contact; a searchable message (SRH-6) or a
 * comment becomes a document under the contact that owns the thread now. A message that stopped
 * being searchable (kept only for audit later, CNV-8) is deleted; one that never was needs nothing.
 */
export function indexConversationEvent(batch: IndexingBatch, event: EventEnvelope): void {
  const data = event.data as { thread?: ThreadSnapshot; message?: MessageSnapshot; comment?: CommentSnapshot };
  if (!data.thread) return;
  const owner = batch.owner(event.workspaceId, data.thread.contactId);
  // The thread's access counts for the contact it belongs to now (after a merge, the kept one's own thread decides).
  if (owner.contactId === data.thread.contactId) {
    const accessed = withThreadAccess(owner.doc, event.workspaceId, data.thread);
    if (accessed) batch.change(owner, accessed, true);
  }
  if (MessageCreated.is(event) || MessageUpdated.is(event)) {
    const remove = !isSearchableMessage(event.data.message);
    if (remove && MessageCreated.is(event)) return;
    batch.addItem(event, owner, event.data.message, remove);
  } else if (CommentCreated.is(event)) {
    if (event.data.comment.text.trim()) batch.addItem(event, owner, event.data.comment);
  }
}
