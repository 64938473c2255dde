import { request } from 'node:http';
import webpush from 'web-push';
import { LoopbackPushService } from '../src/push-service';

/** Sends what web-push builds for a subscription, over plain HTTP (the stand-in is on loopback). */
function send(details: ReturnType<typeof webpush.generateRequestDetails>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(details.endpoint, { method: details.method, headers: details.headers as Record<string, string> }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(details.body);
  });
}

describe('the loopback Web Push service used by the notification tests', () => {
  const vapid = webpush.generateVAPIDKeys();
  let push: LoopbackPushService;

  beforeAll(async () => {
    push = await LoopbackPushService.start(vapid.publicKey);
  });
  afterAll(() => push.close());

  const options = (extra: Record<string, unknown> = {}) => ({ vapidDetails: { subject: 'mailto:ops@example.com', publicKey: vapid.publicKey, privateKey: vapid.privateKey }, TTL: 60, urgency: 'high' as const, topic: 'thread-42', ...extra });

  it('accepts a VAPID-signed, aes128gcm-encrypted push and hands over what the browser would decrypt', async () => {
    const subscription = push.subscribe();
    const status = await send(webpush.generateRequestDetails(subscription, JSON.stringify({ title: 'Assigned to you' }), options()));
    expect(status).toBe(201);
    expect(push.pushesTo(subscription)).toEqual([expect.objectContaining({ json: { title: 'Assigned to you' }, ttl: 60, urgency: 'high', topic: 'thread-42' })]);
    expect(push.pushesTo(subscription)[0].claims).toMatchObject({ aud: push.url, sub: 'mailto:ops@example.com' });
  });

  it('refuses a push signed with another application server key, and one it cannot decrypt', async () => {
    const subscription = push.subscribe();
    const other = webpush.generateVAPIDKeys();
    expect(await send(webpush.generateRequestDetails(subscription, 'x', options({ vapidDetails: { subject: 'mailto:ops@example.com', ...other } })))).toBe(403);
    const stranger = { ...subscription, keys: push.subscribe().keys };
    expect(await send(webpush.generateRequestDetails(stranger, 'x', options()))).toBe(400);
    expect(push.pushesTo(subscription)).toEqual([]);
  });

  it('answers 410, 429 with Retry-After, or nothing at all, on demand', async () => {
    const gone = push.subscribe();
    push.respondWith(gone, { status: 410 });
    expect(await send(webpush.generateRequestDetails(gone, 'x', options()))).toBe(410);
    const busy = push.subscribe();
    push.respondWith(busy, { status: 429, retryAfter: 2, times: 1 });
    expect(await send(webpush.generateRequestDetails(busy, 'x', options()))).toBe(429);
    expect(await send(webpush.generateRequestDetails(busy, 'second', options()))).toBe(201);
    const hung = push.subscribe();
    push.respondWith(hung, { status: 201, hang: true });
    const outcome = await Promise.race([send(webpush.generateRequestDetails(hung, 'x', options())).catch(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 300))]);
    expect(outcome).toBe('still waiting');
  });
});
