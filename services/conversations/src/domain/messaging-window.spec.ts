import { channelConfig, ChannelSnapshot } from '@omnibox/contracts';
import { checkMessagingWindow } from './messaging-window';

const T0 = '2026-01-01T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const channel = (id: string, type: ChannelSnapshot['type']): ChannelSnapshot => ({ id, type, name: id, config: channelConfig(type), createdAt: T0 });

describe('messaging window (MSG-3)', () => {
  it('MSG-3: free-form messages only within the window; templates always', () => {
    const wa = channel('wa', 'whatsapp');
    expect(checkMessagingWindow({ lastIncomingByChannel: { wa: at(0) } }, wa, 'text', new Date(at(60)))).toBeNull();
    expect(checkMessagingWindow({ lastIncomingByChannel: { wa: at(0) } }, wa, 'text', new Date(at(24 * 60 + 1)))).toMatchObject({ refused: 'outside_messaging_window' });
    expect(checkMessagingWindow({ lastIncomingByChannel: {} }, wa, 'template', new Date(at(0)))).toBeNull();
    expect(checkMessagingWindow({ lastIncomingByChannel: {} }, channel('tg', 'telegram'), 'text', new Date(at(0)))).toBeNull();
  });
});
