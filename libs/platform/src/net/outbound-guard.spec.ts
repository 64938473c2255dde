import { OutboundRefused, outboundGuards } from './outbound-guard';

describe('the outbound-URL guard (SSRF)', () => {
  const production = outboundGuards({ profile: 'production', allowHosts: ['relay.internal'], allowCidrs: ['10.20.0.0/16'] });
  const development = outboundGuards({ profile: 'development' });

  it.each([
    'http://127.0.0.1/',
    'http://[::1]:8080/',
    'http://[0:0:0:0:0:0:0:1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::ffff:169.254.169.254]/',
    'http://[64:ff9b::a9fe:a9fe]/',
    'http://10.0.0.5/',
    'http://[fd00::1]/',
    'http://localhost:3000/',
    'http://0.0.0.0/',
  ])('a URL any user can type never reaches %s, in any profile', (url) => {
    expect(() => production.user.checkUrl(url)).toThrow(OutboundRefused);
    expect(() => development.user.checkUrl(url)).toThrow(OutboundRefused);
  });

  it('only http and https, without credentials', () => {
    expect(() => production.user.checkUrl('file:///etc/passwd')).toThrow(/scheme file/);
    expect(() => production.user.checkUrl('gopher://example.com/')).toThrow(/scheme gopher/);
    expect(() => production.user.checkUrl('http://user:secret@example.com/')).toThrow(/credentials/);
    expect(() => production.user.checkUrl('not a url')).toThrow(/absolute URL/);
    expect(production.user.checkUrl('https://example.com/page').hostname).toBe('example.com');
  });

  it('configured endpoints reach loopback in development and tests, never in production unless allow-listed', () => {
    expect(development.configured.checkUrl('http://127.0.0.1:9000/outbound').port).toBe('9000');
    expect(development.configured.checkUrl('http://[::1]:9000/').port).toBe('9000');
    expect(() => development.configured.checkUrl('http://10.0.0.5/')).toThrow(OutboundRefused);
    expect(() => production.configured.checkUrl('http://127.0.0.1:9000/')).toThrow(OutboundRefused);
    expect(() => production.configured.checkUrl('http://[::ffff:7f00:1]/')).toThrow(OutboundRefused);
    expect(production.configured.checkUrl('http://10.20.3.4/').hostname).toBe('10.20.3.4');
    expect(() => production.configured.checkUrl('http://10.21.3.4/')).toThrow(OutboundRefused);
    expect(production.configured.checkUrl('http://relay.internal:25/').hostname).toBe('relay.internal');
  });

  it('the connect-time lookup refuses a name that resolves to a refused address', async () => {
    const outcome = await new Promise<string>((resolve) =>
      production.user.lookup('localhost', { all: true }, (error) => resolve(error ? (error as Error).message : 'connected')),
    );
    expect(outcome).toMatch(/resolves to a refused address/);
  });
});
