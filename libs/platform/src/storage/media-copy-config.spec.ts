import { ServiceConfig } from '../config/common-config';
import { loadConfig } from '../config/load-config';
import { OutboundRefused } from '../net/outbound-guard';
import { mediaCopyOptions, WithMediaCopy } from './media-copy-config';

class Settings extends WithMediaCopy(ServiceConfig) {}
const required = { INTERNAL_SECRET: 'a-secret-of-sixteen-chars', NATS_URL: 'nats://127.0.0.1:4222' };

describe('where provider files may be downloaded from (CHN-3)', () => {
  it('in production a private address is refused unless allow-listed; tests and development reach loopback', () => {
    const production = mediaCopyOptions(loadConfig(Settings, { ...required, OUTBOUND_ALLOW_CIDRS: '10.20.0.0/16', OUTBOUND_ALLOW_HOSTS: 'media.internal' }));
    expect(() => production.guard.checkUrl('http://127.0.0.1:9000/file')).toThrow(OutboundRefused);
    expect(() => production.guard.checkUrl('http://10.1.2.3/file')).toThrow(OutboundRefused);
    expect(production.guard.checkUrl('http://10.20.3.4/file').hostname).toBe('10.20.3.4');
    expect(production.guard.checkUrl('http://media.internal/file').hostname).toBe('media.internal');
    for (const profile of ['test', 'development']) {
      const local = mediaCopyOptions(loadConfig(Settings, { ...required, DEPLOYMENT_PROFILE: profile }));
      expect(local.guard.checkUrl('http://127.0.0.1:9000/file').port).toBe('9000');
      expect(() => local.guard.checkUrl('http://10.1.2.3/file')).toThrow(OutboundRefused);
      expect(local).toMatchObject({ maxBytes: 100 * 1024 * 1024, timeoutMs: 60_000, attempts: 3 });
    }
  });

  it('a malformed allow-list stops the service at start, naming the variable', () => {
    expect(() => loadConfig(Settings, { ...required, OUTBOUND_ALLOW_CIDRS: '10.0.0.0' })).toThrow(/OUTBOUND_ALLOW_CIDRS/);
    expect(() => loadConfig(Settings, { ...required, DEPLOYMENT_PROFILE: 'staging' })).toThrow(/DEPLOYMENT_PROFILE/);
  });
});
