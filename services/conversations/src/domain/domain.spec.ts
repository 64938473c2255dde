import { channelConfig, ChannelSnapshot, conversationOf, mentionedUserIds } from '@omnibox/contracts';
import { checkMessagingWindow, chooseChannel, firstUrl, nextStatus, normaliseSubject, outgoingEmailThread, storedAttachmentName } from './messaging-rules';
import * as rules from './thread';
import { Actor, newThread, ThreadState } from './thread';

const T0 = '2026-01-01T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const thread = (extra: Partial<ThreadState> = {}): ThreadState => ({
  ...newThread({ workspaceId: 'w', contact: { id: 'c', firstName: 'Rita', lastName: null, blocked: false, phone: '+628120000', email: null }, now: T0 }),
  ...extra,
});
const ana: Actor = { id: 'ana', kind: 'user', teamIds: ['sales'] };
const channel = (id: string, type: ChannelSnapshot['type']): ChannelSnapshot => ({ id, type, name: id, config: channelConfig(type), createdAt: T0 });

describe('thread rules (CNV-1…8, INB-7, VIS-3)', () => {
  it('CNV-1: an incoming message opens a closed thread with an "opened by contact" event placed before it', () => {
    const { state, events } = rules.receiveIncoming(thread(), { id: 'm1', channelId: 'wa', at: at(1), preview: 'hi', referral: { code: 'AD' } }, at(1));
    expect(state).toMatchObject({ status: 'open', unreplied: true, incomingCount: 1, lastIncomingChannelId: 'wa', episode: 1 });
    expect(events).toEqual([expect.objectContaining({ category: 'open', source: 'contact', referral: { code: 'AD' } })]);
    expect(Date.parse(events[0].at!)).toBeLessThan(Date.parse(at(1)));
  });

  it('an incoming message applied twice counts once', () => {
    const once = rules.receiveIncoming(thread(), { id: 'm1', channelId: 'wa', at: at(1), preview: 'hi' }, at(1)).state;
    expect(rules.receiveIncoming(once, { id: 'm1', channelId: 'wa', at: at(1), preview: 'hi' }, at(2)).state.incomingCount).toBe(1);
  });

  it('a message redelivered after newer ones counts once more but does not move the thread back', () => {
    const newer = rules.receiveIncoming(thread(), { id: 'm2', channelId: 'wa', at: at(5), preview: 'later' }, at(5)).state;
    const older = rules.receiveIncoming(newer, { id: 'm1', channelId: 'wa', at: at(1), preview: 'earlier' }, at(6)).state;
    expect(older).toMatchObject({ incomingCount: 2, lastMessageAt: at(5), lastMessage: { id: 'm2' }, lastIncomingAt: at(5), lastIncomingByChannel: { wa: at(5) } });
  });

  it('CNV-2: the first replying user takes an unassigned thread; in a team thread only a team member does', () => {
    expect(rules.sendOutgoing(thread(), { id: 'o', at: at(1), preview: 'x', broadcast: false }, ana, at(1)).state.assigneeId).toBe('ana');
    expect(rules.sendOutgoing(thread({ teamId: 'support' }), { id: 'o', at: at(1), preview: 'x', broadcast: false }, ana, at(1)).state.assigneeId).toBeNull();
    expect(rules.sendOutgoing(thread({ teamId: 'sales' }), { id: 'o', at: at(1), preview: 'x', broadcast: false }, ana, at(1)).state.assigneeId).toBe('ana');
    expect(rules.sendOutgoing(thread(), { id: 'o', at: at(1), preview: 'x', broadcast: false }, { id: 'tok', kind: 'api', teamIds: [] }, at(1)).state.assigneeId).toBeNull();
  });

  it('FLT-2/FLT-3: a broadcast neither moves the thread nor counts as a reply', () => {
    const open = rules.receiveIncoming(thread(), { id: 'm1', channelId: 'wa', at: at(1), preview: 'hi' }, at(1)).state;
    const after = rules.sendOutgoing(open, { id: 'b', at: at(5), preview: 'sale', broadcast: true }, ana, at(5)).state;
    expect(after).toMatchObject({ lastMessageAt: at(1), unreplied: true, assigneeId: null });
  });

  it('CNV-4: assigning to a user keeps the team only when they belong to it; unassign keeps the team', () => {
    const inSales = thread({ teamId: 'sales' });
    expect(rules.assign(inSales, { mode: 'user', userId: 'ben', userTeamIds: ['sales'] }, ana, at(1)).state).toMatchObject({ assigneeId: 'ben', teamId: 'sales' });
    expect(rules.assign(inSales, { mode: 'user', userId: 'dee', userTeamIds: ['support'] }, ana, at(1)).state).toMatchObject({ assigneeId: 'dee', teamId: null });
    expect(rules.assign(thread({ assigneeId: 'x' }), { mode: 'team', teamId: 'sales' }, ana, at(1)).state).toMatchObject({ assigneeId: null, teamId: 'sales' });
    expect(rules.assign(thread({ assigneeId: 'x', teamId: 'sales' }), { mode: 'unassign' }, ana, at(1))).toMatchObject({ state: { assigneeId: null, teamId: 'sales' }, events: [{ category: 'unassignment' }] });
  });

  it('CNV-3: closing keeps the assignee', () => {
    expect(rules.setStatus(thread({ status: 'open', assigneeId: 'ana' }), 'closed', 'user', 'ana', at(1)).state).toMatchObject({ status: 'closed', assigneeId: 'ana' });
  });

  it('CNV-7 / FLT-4: waking returns to the previous status and the time before the snooze still counts', () => {
    const open = thread({ status: 'open', statusSince: at(0) });
    const snoozed = rules.snooze(open, at(100), ana, at(30)) as rules.Transition;
    expect(snoozed.state).toMatchObject({ status: 'snoozed', previousStatus: 'open', snoozedUntil: at(100) });
    const woke = rules.wake(snoozed.state, null, at(100))!;
    expect(woke.state).toMatchObject({ status: 'open', snoozedUntil: null, statusSince: at(70) });
    expect(woke.events[0]).toMatchObject({ type: 'unsnoozed', source: 'system' });
    expect(rules.wake(woke.state, null, at(101))).toBeNull();
  });

  it('CNV-7: a blocked contact cannot be snoozed', () => {
    expect(rules.snooze(thread({ contact: { ...thread().contact, blocked: true } }), at(10), ana, at(0))).toMatchObject({ refused: 'contact_blocked' });
  });

  it('CNV-8: blocking closes the thread; unblocking keeps it closed', () => {
    const blocked = rules.setContactBlocked(thread({ status: 'open' }), true, 'ana', at(1));
    expect(blocked.state).toMatchObject({ status: 'closed', contact: { blocked: true } });
    expect(blocked.events.map((e) => e.type)).toEqual(['contact_blocked', 'closed']);
    expect(rules.setContactBlocked(blocked.state, false, 'ana', at(2)).state).toMatchObject({ status: 'closed', contact: { blocked: false } });
  });

  it('SRC-3: a mention grants 24 hours of access, and expired grants are dropped', () => {
    const state = rules.mention(thread({ mentionedUntil: { old: at(-1) } }), ['sam'], at(0));
    expect(state.mentionedUntil).toEqual({ sam: new Date(Date.parse(T0) + 24 * 3600_000).toISOString() });
  });

  it('INB-7: unread counts per user', () => {
    let state = thread({ incomingCount: 3 });
    expect(conversationOf(state, 'ana').unreadCount).toBe(3);
    state = rules.markRead(state, 'ana', at(1));
    expect(conversationOf(state, 'ana').unreadCount).toBe(0);
    expect(conversationOf(state, 'ben').unreadCount).toBe(3);
  });
});

describe('messaging rules (MSG-2…11, SRC-2)', () => {
  it('MSG-3: free-form messages only within the window; templates always', () => {
    const wa = channel('wa', 'whatsapp');
    expect(checkMessagingWindow({ lastIncomingByChannel: { wa: at(0) } }, wa, 'text', new Date(at(60)))).toBeNull();
    expect(checkMessagingWindow({ lastIncomingByChannel: { wa: at(0) } }, wa, 'text', new Date(at(24 * 60 + 1)))).toMatchObject({ refused: 'outside_messaging_window' });
    expect(checkMessagingWindow({ lastIncomingByChannel: {} }, wa, 'template', new Date(at(0)))).toBeNull();
    expect(checkMessagingWindow({ lastIncomingByChannel: {} }, channel('tg', 'telegram'), 'text', new Date(at(0)))).toBeNull();
  });

  it('MSG-11: the latest incoming channel by default; phone and e-mail reach their channel types', () => {
    const wa = channel('wa', 'whatsapp');
    const tg = channel('tg', 'telegram');
    const mail = channel('mail', 'email');
    const state = thread({ identities: { tg: 'tg-user' }, lastIncomingChannelId: 'tg' });
    expect(chooseChannel(state, [wa, tg, mail], undefined)).toMatchObject({ channel: { id: 'tg' }, address: 'tg-user' });
    expect(chooseChannel(state, [wa, tg, mail], 'wa')).toMatchObject({ channel: { id: 'wa' }, address: '+628120000' });
    expect(chooseChannel(state, [wa, tg, mail], 'mail')).toMatchObject({ refused: 'channel_not_connected' });
    expect(chooseChannel(state, [wa], 'nope')).toEqual({ unknownChannel: 'nope' });
  });

  it('MSG-8: new e-mails need a subject; replies thread unless the subject changes', () => {
    expect(outgoingEmailThread({}, 'k')).toMatchObject({ refused: 'subject_required' });
    const original = { subject: 'Invoice 7', messageId: '<m1>', threadKey: 't1' };
    expect(outgoingEmailThread({ replyTo: original }, 'k')).toEqual({ subject: 'Re: Invoice 7', threadKey: 't1', inReplyTo: '<m1>' });
    expect(outgoingEmailThread({ replyTo: original, subject: 'RE: invoice 7' }, 'k')).toMatchObject({ threadKey: 't1' });
    expect(outgoingEmailThread({ replyTo: original, subject: 'Contract' }, 'k')).toEqual({ subject: 'Contract', threadKey: 'k', inReplyTo: null });
    expect(normaliseSubject('Re: Fwd: Hello  World')).toBe('hello world');
  });

  it('MSG-2: statuses only move forward; failed is final', () => {
    expect(nextStatus('sent', 'delivered')).toBe('delivered');
    expect(nextStatus('read', 'delivered')).toBeNull();
    expect(nextStatus('pending', 'failed')).toBe('failed');
    expect(nextStatus('failed', 'read')).toBeNull();
  });

  it('MSG-6 / MSG-10 / SRC-2: first URL, unique stored names, mentions', () => {
    expect(firstUrl('see https://a.example/x?y=1, and http://b.example')).toBe('https://a.example/x?y=1');
    expect(firstUrl('no link')).toBeNull();
    expect(storedAttachmentName('m1', '../price list.pdf')).toBe('m1-_price_list.pdf');
    expect(mentionedUserIds('hi {{@user.u1}} and {{@user.u2}} and {{@user.u1}}')).toEqual(['u1', 'u2']);
  });
});
