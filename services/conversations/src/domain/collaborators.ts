import { Actor, sourceOf, ThreadState, Transition } from './thread';

/** CNV-5: collaborators see and reply; the assignee does not change. */
export function addCollaborator(state: ThreadState, userId: string, actor: Actor, now: string): Transition {
  if (state.collaboratorIds.includes(userId)) return { state, events: [] };
  return {
    state: { ...state, collaboratorIds: [...state.collaboratorIds, userId], updatedAt: now },
    events: [{ category: 'collaboration', type: 'collaborator_added', source: sourceOf(actor), actorId: actor.id, data: { userId } }],
  };
}

export function removeCollaborator(state: ThreadState, userId: string, actor: Actor, now: string): Transition {
  if (!state.collaboratorIds.includes(userId)) return { state, events: [] };
  return {
    state: { ...state, collaboratorIds: state.collaboratorIds.filter((id) => id !== userId), updatedAt: now },
    events: [{ category: 'collaboration', type: 'collaborator_removed', source: sourceOf(actor), actorId: actor.id, data: { userId } }],
  };
}
