import { channelConfig } from '@omnibox/contracts';
import { Channel, channelSnapshot, channelView } from './channel';

describe('channel', () => {
  it('the snapshot other services and clients get never carries the ingress secret', () => {
    const channel: Channel = {
      id: 'c1', workspaceId: 'w1', type: 'api', name: 'Shop', config: channelConfig('api'), secret: 'f'.repeat(64), credentials: null, createdBy: 'u1', createdAt: new Date('2026-01-01T00:00:00Z'),
    };
    expect(channelSnapshot(channel)).toEqual({ id: 'c1', type: 'api', name: 'Shop', config: channelConfig('api'), createdAt: '2026-01-01T00:00:00.000Z' });
    expect(JSON.stringify(channelSnapshot(channel))).not.toContain('f'.repeat(64));
  });

  it('provider credentials travel sealed to services, and clients never see them, even sealed', () => {
    const channel: Channel = {
      id: 'c2', workspaceId: 'w1', type: 'telegram', name: 'Bot', config: channelConfig('telegram', { adapter: 'telegram_bot', apiBaseUrl: 'https://api.telegram.org' }), secret: 'f'.repeat(64), credentials: 'v1.k.iv.sealed', createdBy: 'u1', createdAt: new Date('2026-01-01T00:00:00Z'),
    };
    expect(channelSnapshot(channel).credentials).toBe('v1.k.iv.sealed');
    expect(channelView(channelSnapshot(channel))).not.toHaveProperty('credentials');
  });
});
