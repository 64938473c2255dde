import type { EventDraft, ThreadState, Transition } from './thread';

const later = (a: string | null, b: string | null) => (a && b ? (a > b ? a : b) : a ?? b);

/**
 * CON-3 / CNV-9: the kept contact's thread after another contact was merged into it. It gains the
 * merged thread's channels, collaborators and incoming history (the latest message of the two stays
 * the latest), records the merge, and records that the merged conversation was closed by the merge
 * when it was still open. `merged` is null when the merged contact never had a thread.
 */
export function mergeThreads(
  kept: ThreadState,
  merged: ThreadState | null,
  contact: ThreadState['contact'],
  mergedContactId: string,
  actorId: string | null,
  now: string,
): Transition {
  const events: EventDraft[] = [{ category: 'contact', type: 'contact_merged', source: 'contact_merge', actorId, data: { mergedContactId } }];
  if (!merged) return { state: { ...kept, updatedAt: now }, events };
  if (merged.status !== 'closed') events.push({ category: 'close', type: 'closed', source: 'contact_merge', actorId, data: { mergedContactId } });
  const mergedIsNewer = (merged.lastMessageAt ?? '') > (kept.lastMessageAt ?? '');
  return {
    state: {
      ...kept,
      contact: { ...contact },
      identities: { ...merged.identities, ...kept.identities },
      lastIncomingByChannel: { ...merged.lastIncomingByChannel, ...kept.lastIncomingByChannel },
      lastIncomingAt: later(kept.lastIncomingAt, merged.lastIncomingAt),
      lastIncomingChannelId: (merged.lastIncomingAt ?? '') > (kept.lastIncomingAt ?? '') ? merged.lastIncomingChannelId : kept.lastIncomingChannelId,
      lastMessage: (merged.lastMessage?.at ?? '') > (kept.lastMessage?.at ?? '') ? merged.lastMessage : kept.lastMessage,
      lastMessageAt: later(kept.lastMessageAt, merged.lastMessageAt),
      unreplied: mergedIsNewer ? merged.unreplied : kept.unreplied,
      incomingCount: kept.incomingCount + merged.incomingCount,
      collaboratorIds: [...new Set([...kept.collaboratorIds, ...merged.collaboratorIds])],
      updatedAt: now,
    },
    events,
  };
}
