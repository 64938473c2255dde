import { mergeThreads } from './contact-merge';
import { newThread, ThreadState } from './thread';

const T0 = '2026-01-01T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const contact = (id: string) => ({ id, firstName: id, lastName: null, blocked: false, phone: null, email: null });
const thread = (id: string, extra: Partial<ThreadState> = {}): ThreadState => ({ ...newThread({ workspaceId: 'w', contact: contact(id), now: T0 }), ...extra });

describe('merging contacts (CON-3, CNV-9)', () => {
  it('CON-3: the kept thread gains the merged channels, collaborators and unread messages; the latest message wins', () => {
    const kept = thread('k', { identities: { wa: 'k-wa' }, lastIncomingAt: at(1), lastIncomingChannelId: 'wa', lastMessageAt: at(1), lastMessage: { id: 'k1', direction: 'incoming', at: at(1), preview: 'k' }, incomingCount: 2, collaboratorIds: ['ana'] });
    const merged = thread('m', { status: 'open', identities: { tg: 'm-tg' }, lastIncomingAt: at(5), lastIncomingChannelId: 'tg', lastMessageAt: at(5), lastMessage: { id: 'm1', direction: 'incoming', at: at(5), preview: 'm' }, unreplied: true, incomingCount: 1, collaboratorIds: ['ana', 'ben'] });
    const { state, events } = mergeThreads(kept, merged, { ...contact('k'), firstName: 'Kept' }, 'm', 'owner', at(6));
    expect(state).toMatchObject({
      contact: { firstName: 'Kept' },
      identities: { wa: 'k-wa', tg: 'm-tg' },
      lastIncomingChannelId: 'tg',
      lastMessage: { id: 'm1' },
      lastMessageAt: at(5),
      unreplied: true,
      incomingCount: 3,
      collaboratorIds: ['ana', 'ben'],
    });
    expect(events).toEqual([
      { category: 'contact', type: 'contact_merged', source: 'contact_merge', actorId: 'owner', data: { mergedContactId: 'm' } },
      { category: 'close', type: 'closed', source: 'contact_merge', actorId: 'owner', data: { mergedContactId: 'm' } },
    ]);
  });

  it('CNV-9: a merged contact without a thread, or with a closed one, records the merge only', () => {
    expect(mergeThreads(thread('k'), null, contact('k'), 'm', null, at(1)).events.map((event) => event.type)).toEqual(['contact_merged']);
    expect(mergeThreads(thread('k'), thread('m'), contact('k'), 'm', null, at(1)).events.map((event) => event.type)).toEqual(['contact_merged']);
  });
});
