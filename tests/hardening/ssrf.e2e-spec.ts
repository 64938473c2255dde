import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { bearer, eventually, sharedEngineUrls, uniqueName } from '@omnibox/testing';
import request from 'supertest';
import { incomingText, postProviderEvent } from '../support/fake-provider';
import { RunningPlatform, startPlatform } from '../support/platform';

/** Issue #18 (SSRF, high): a link preview never fetches a loopback page, whatever spelling of its address. */
describe('link previews cannot reach internal addresses (SSRF)', () => {
  let platform: RunningPlatform;
  let api: ReturnType<typeof request>;
  let pages: Server;
  let port: number;
  let hits = 0;
  let owner: string;
  let contactId: string;
  let channel: { id: string; secret: string; type: string };
  const tag = uniqueName('sf');

  beforeAll(async () => {
    pages = createServer((_req, res) => {
      hits++;
      res.writeHead(200, { 'content-type': 'text/html' }).end('<title>internal admin panel</title>');
    });
    await new Promise<void>((resolve) => pages.listen(0, '::', resolve));
    port = (pages.address() as AddressInfo).port;
    // A production deployment: configured endpoints on loopback are refused there too (unless allow-listed).
    platform = await startPlatform({ NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL }, ['contacts', 'conversations', 'gateway'], undefined, {
      DEPLOYMENT_PROFILE: 'production',
      DELIVERY_BACKOFF_MS: '50',
      DELIVERY_MAX_ATTEMPTS: '2',
    });
    api = request(platform.gatewayUrl);
    owner = (await api.post('/v1/workspaces').send({ name: 'SSRF Co', owner: { firstName: 'Sue', email: `sue.${tag}@example.com`, password: 'sue-password-1' } })).body.token;
    channel = (await api.post('/v1/channels').set(bearer(owner)).send({ type: 'api', name: 'API', config: { supportsLinkPreview: true, outboundUrl: `http://127.0.0.1:${port}/send` } })).body;
    expect(await postProviderEvent(platform.gatewayUrl, channel, incomingText(`ssrf-${tag}`, 'hi'))).toBe(202);
    contactId = await eventually(async () => (await api.get('/v1/contacts').query({ channelId: channel.id, externalId: `ssrf-${tag}` }).set(bearer(owner))).body.items?.[0]?.id, 'the contact');
    // A reply goes out on the channel of the latest incoming message: wait until the thread knows it.
    await eventually(async () => (await api.get(`/v1/conversations/${contactId}`).set(bearer(owner))).body.lastMessage?.preview === 'hi', 'the thread of the first message');
  });
  afterAll(async () => {
    await platform?.stop();
    await new Promise((resolve) => pages.close(resolve));
  });

  it.each(['127.0.0.1', '[::1]', '[0:0:0:0:0:0:0:1]', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', 'localhost'])('a link to http://%s/ is sent without a preview, and nothing is fetched', async (host) => {
    const before = hits;
    const sent = await api.post(`/v1/conversations/${contactId}/messages`).set(bearer(owner)).send({ type: 'text', text: `look http://${host}:${port}/admin` });
    expect(sent.status).toBe(201);
    expect(sent.body.linkPreview ?? null).toBeNull();
    expect(hits).toBe(before);
  });

  it('delivery to a channel outboundUrl on loopback is refused in production: the message fails with the reason, and nothing is sent', async () => {
    const before = hits;
    const sent = await api.post(`/v1/conversations/${contactId}/messages`).set(bearer(owner)).send({ type: 'text', text: 'hello', linkPreview: false });
    expect(sent.status).toBe(201);
    const message = await eventually(async () => {
      const found = (await api.get(`/v1/messages/${sent.body.id}`).set(bearer(owner))).body;
      return found.status === 'failed' ? found : null;
    }, 'the message to fail');
    expect(message.error).toMatch(/not allowed.*loopback/);
    expect(hits).toBe(before);
  });
});
