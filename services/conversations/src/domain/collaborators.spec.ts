import { addCollaborator, removeCollaborator } from './collaborators';
import { Actor, newThread, ThreadState } from './thread';

const T0 = '2026-01-01T10:00:00.000Z';
const thread = (extra: Partial<ThreadState> = {}): ThreadState => ({
  ...newThread({ workspaceId: 'w', contact: { id: 'c', firstName: 'Rita', lastName: null, blocked: false, phone: '+628120000', email: null }, now: T0 }),
  ...extra,
});
const ana: Actor = { id: 'ana', kind: 'user', teamIds: ['sales'] };

describe('collaborators (CNV-5)', () => {
  it('CNV-5: a collaborator is added once, with an event, and the assignee stays', () => {
    const added = addCollaborator(thread({ assigneeId: 'ben' }), 'sam', ana, T0);
    expect(added.state).toMatchObject({ assigneeId: 'ben', collaboratorIds: ['sam'] });
    expect(added.events).toEqual([{ category: 'collaboration', type: 'collaborator_added', source: 'user', actorId: 'ana', data: { userId: 'sam' } }]);
    expect(addCollaborator(added.state, 'sam', ana, T0).events).toEqual([]);
  });

  it('CNV-5: removing a collaborator takes their access away; removing a stranger does nothing', () => {
    const removed = removeCollaborator(thread({ collaboratorIds: ['sam', 'dee'] }), 'sam', ana, T0);
    expect(removed.state.collaboratorIds).toEqual(['dee']);
    expect(removed.events[0]).toMatchObject({ type: 'collaborator_removed', data: { userId: 'sam' } });
    expect(removeCollaborator(removed.state, 'sam', ana, T0).events).toEqual([]);
  });
});
