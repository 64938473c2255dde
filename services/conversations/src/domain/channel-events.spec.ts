import { ChannelEvent, receiveChannelEvent } from './channel-events';
import { newThread, ThreadState } from './thread';

const T0 = '2026-01-01T10:00:00.000Z';
const thread = (extra: Partial<ThreadState> = {}): ThreadState => ({
  ...newThread({ workspaceId: 'w', contact: { id: 'c', firstName: 'Web', lastName: null, blocked: false, phone: null, email: null }, now: T0 }),
  ...extra,
});
const event = (extra: Partial<ChannelEvent> = {}): ChannelEvent => ({ key: 'e1', channelId: 'web', externalId: 'visitor', category: 'open', type: 'click_to_chat', referral: { code: 'CTA-7' }, ...extra });

describe('channel events (CNV-9, CNV-8)', () => {
  it('CNV-9: a click-to-chat opening opens the thread with that source and referral, once', () => {
    const opened = receiveChannelEvent(thread(), event(), T0)!;
    expect(opened.state).toMatchObject({ status: 'open', identities: { web: 'visitor' } });
    expect(opened.events).toEqual([{ category: 'open', type: 'opened', source: 'click_to_chat', actorId: null, data: { channelId: 'web' }, referral: { code: 'CTA-7' } }]);
    expect(receiveChannelEvent(opened.state, event(), T0)).toBeNull();
  });

  it('CNV-9: a web-chat page change is recorded with its data; an opening of an open thread is a channel event', () => {
    const page = receiveChannelEvent(thread({ status: 'open' }), event({ key: 'e2', category: 'page', type: 'page_changed', data: { url: 'https://shop.example/cart' }, referral: null }), T0)!;
    expect(page.events).toEqual([{ category: 'page', type: 'page_changed', source: 'contact', actorId: null, data: { url: 'https://shop.example/cart', channelId: 'web' }, referral: null }]);
    expect(receiveChannelEvent(thread({ status: 'open' }), event(), T0)!.events[0]).toMatchObject({ category: 'channel', type: 'click_to_chat' });
  });

  it('CNV-8: nothing from a blocked contact reaches the thread', () => {
    expect(receiveChannelEvent(thread({ contact: { ...thread().contact, blocked: true } }), event(), T0)).toBeNull();
  });
});
