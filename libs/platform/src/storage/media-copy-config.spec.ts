import { loadConfig } from '../config/load-config';
import { OutboundRefused } from '../net/outbound-guard';
import { mediaCopyOptions, outboundProfile, WithMediaCopy } from './media-copy-config';

class Settings extends WithMediaCopy(class {}) {}

describe('where provider files may be downloaded from (CHN-3)', () => {
  it('only development and test are not production; an unset NODE_ENV is production', () => {
    expect(outboundProfile('development')).toBe('development');
    expect(outboundProfile('test')).toBe('test');
    expect(outboundProfile('production')).toBe('production');
    expect(outboundProfile('staging')).toBe('production');
    expect(outboundProfile(undefined)).toBe('production');
  });

  it('in production a private address is refused unless allow-listed; tests reach loopback', () => {
    const production = mediaCopyOptions(loadConfig(Settings, { MEDIA_ALLOW_CIDRS: '10.20.0.0/16', MEDIA_ALLOW_HOSTS: 'media.internal' }));
    expect(() => production.guard.checkUrl('http://127.0.0.1:9000/file')).toThrow(OutboundRefused);
    expect(() => production.guard.checkUrl('http://10.1.2.3/file')).toThrow(OutboundRefused);
    expect(production.guard.checkUrl('http://10.20.3.4/file').hostname).toBe('10.20.3.4');
    expect(production.guard.checkUrl('http://media.internal/file').hostname).toBe('media.internal');
    const tests = mediaCopyOptions(loadConfig(Settings, { NODE_ENV: 'test' }));
    expect(tests.guard.checkUrl('http://127.0.0.1:9000/file').port).toBe('9000');
    expect(tests).toMatchObject({ maxBytes: 100 * 1024 * 1024, timeoutMs: 60_000, attempts: 3 });
  });

  it('a malformed allow-list stops the service at start, naming the variable', () => {
    expect(() => loadConfig(Settings, { MEDIA_ALLOW_CIDRS: '10.0.0.0' })).toThrow(/MEDIA_ALLOW_CIDRS/);
  });
});
