import type { ChannelSnapshot, ChannelType } from '@omnibox/contracts';
import { pickCallChannel } from './call-channel';

const channel = (id: string, type: ChannelType): ChannelSnapshot => ({ id, type, name: id, createdAt: '2026-01-01T00:00:00.000Z', config: { outboundUrl: 'http://provider', messagingWindowHours: null, supportsReplyContext: false, supportsLinkPreview: false, supportsTyping: false } });
const channels = [channel('tg', 'telegram'), channel('wa1', 'whatsapp'), channel('wa2', 'whatsapp'), channel('api', 'api')];
const identities = [{ channelId: 'tg', externalId: 't' }, { channelId: 'wa1', externalId: 'w1' }, { channelId: 'wa2', externalId: 'w2' }];

describe('the channel of an outgoing call', () => {
  it('the channel named, when it can call and the contact is known there', () => {
    expect(pickCallChannel({ named: 'wa2', channels, identities, latestCallChannelId: null })).toMatchObject({ ok: true, externalId: 'w2' });
    expect(pickCallChannel({ named: 'nope', channels, identities, latestCallChannelId: null })).toMatchObject({ ok: false, field: 'channelId' });
    expect(pickCallChannel({ named: 'tg', channels, identities, latestCallChannelId: null })).toMatchObject({ ok: false, refused: 'channel_cannot_call' });
    expect(pickCallChannel({ named: 'api', channels, identities, latestCallChannelId: null })).toMatchObject({ ok: false, refused: 'contact_not_on_channel' });
  });

  it('otherwise the channel of the contact’s latest call, or their first channel that can call', () => {
    expect(pickCallChannel({ named: null, channels, identities, latestCallChannelId: 'wa2' })).toMatchObject({ ok: true, externalId: 'w2' });
    expect(pickCallChannel({ named: null, channels, identities, latestCallChannelId: null })).toMatchObject({ ok: true, externalId: 'w1' });
    expect(pickCallChannel({ named: null, channels, identities: [identities[0]], latestCallChannelId: null })).toMatchObject({ ok: false, refused: 'no_call_channel' });
  });
});
