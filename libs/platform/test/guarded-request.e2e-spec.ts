import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { guardedRequest, OutboundGuard, OutboundRefused, outboundGuards, readBounded } from '../src/net';

describe('guarded server-side requests against a real loopback server (SSRF)', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/hop') return void res.writeHead(302, { location: `http://[::1]:${port}/secret` }).end();
      if (req.url === '/big') return void res.end(Buffer.alloc(100_000, 1));
      res.end('<title>internal admin</title>');
    });
    await new Promise<void>((resolve) => server.listen(0, '::', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it.each(['127.0.0.1', '[::1]', '[0:0:0:0:0:0:0:1]', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', 'localhost'])(
    'a user-typed URL on %s is refused before any connection',
    async (host) => {
      await expect(guardedRequest(`http://${host}:${port}/`, { guard: outboundGuards({ profile: 'test' }).user, timeoutMs: 2000 })).rejects.toBeInstanceOf(OutboundRefused);
    },
  );

  it('every redirect hop is checked again: an allowed host cannot bounce the request to loopback', async () => {
    const guard = new OutboundGuard({ allowHosts: ['127.0.0.1'] });
    await expect(guardedRequest(`http://127.0.0.1:${port}/hop`, { guard, timeoutMs: 2000 })).rejects.toThrow(/::1 is a loopback address/);
  });

  it('a configured endpoint on loopback is reached in the test profile, and a body is read only up to its limit', async () => {
    const { configured } = outboundGuards({ profile: 'test' });
    const page = await guardedRequest(`http://127.0.0.1:${port}/`, { guard: configured, timeoutMs: 2000 });
    expect(page.status).toBe(200);
    expect((await readBounded(page.body, 1000)).bytes.toString()).toContain('internal admin');
    const big = await guardedRequest(`http://[::1]:${port}/big`, { guard: configured, timeoutMs: 2000 });
    const read = await readBounded(big.body, 10_000);
    expect(read).toMatchObject({ truncated: true });
    expect(read.bytes.length).toBe(10_000);
  });
});
