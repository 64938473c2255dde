import { channelConfig, ChannelSnapshot } from '@omnibox/contracts';
import { checkMessageType, chooseChannel, chooseEmailChannel } from './channel-switcher';
import { newThread, ThreadState } from './thread';

const T0 = '2026-01-01T10:00:00.000Z';
const thread = (extra: Partial<ThreadState> = {}): ThreadState => ({
  ...newThread({ workspaceId: 'w', contact: { id: 'c', firstName: 'Rita', lastName: null, blocked: false, phone: '+628120000', email: null }, now: T0 }),
  ...extra,
});
const channel = (id: string, type: ChannelSnapshot['type']): ChannelSnapshot => ({ id, type, name: id, config: channelConfig(type), createdAt: T0 });

describe('channel switcher (MSG-8, MSG-11)', () => {
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

  it('MSG-11: a contact never reached anywhere has no channel to reply on', () => {
    expect(chooseChannel(thread(), [channel('tg', 'telegram')], undefined)).toMatchObject({ refused: 'no_channel' });
  });

  it('MSG-8: an e-mail goes out on the e-mail channel the contact wrote on, else one that reaches their address', () => {
    const mail1 = channel('m1', 'email');
    const mail2 = channel('m2', 'email');
    expect(chooseEmailChannel(thread({ lastIncomingChannelId: 'm2' }), [mail1, mail2])).toBe('m2');
    expect(chooseEmailChannel(thread({ contact: { ...thread().contact, email: 'rita@example.com' } }), [channel('wa', 'whatsapp'), mail1])).toBe('m1');
    expect(chooseEmailChannel(thread(), [mail1])).toMatchObject({ refused: 'no_email_channel' });
  });

  it('e-mail channels send e-mails only, and e-mails go out on e-mail channels only', () => {
    expect(checkMessageType(channel('m', 'email'), 'email')).toBeNull();
    expect(checkMessageType(channel('m', 'email'), 'text')).toMatchObject({ refused: 'wrong_message_type' });
    expect(checkMessageType(channel('wa', 'whatsapp'), 'email')).toMatchObject({ refused: 'wrong_message_type' });
  });
});
