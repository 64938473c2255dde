import { bearer, eventually, sharedEngineUrls, uniqueName } from '@omnibox/testing';
import request from 'supertest';
import { incomingText, sign } from '../support/fake-provider';
import { RunningPlatform, startPlatform } from '../support/platform';

/** Issue #18: hostile input answers 400 (or 404 for a path id) and never 500; nothing accepted is lost. */
describe('one input policy at every entry point (NUL bytes, control characters, deep JSON)', () => {
  let platform: RunningPlatform;
  let api: ReturnType<typeof request>;
  let owner: string;
  let channel: { id: string; secret: string };
  const tag = uniqueName('hp');
  const as = bearer;

  beforeAll(async () => {
    platform = await startPlatform(
      { NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL },
      ['contacts', 'conversations', 'gateway'],
    );
    api = request(platform.gatewayUrl);
    owner = (await api.post('/v1/workspaces').send({ name: 'Hostile Input Co', owner: { firstName: 'Olivia', email: `olivia.${tag}@example.com`, password: 'owner-password-1' } })).body.token;
    channel = (await api.post('/v1/channels').set(as(owner)).send({ type: 'api', name: 'API line' })).body;
  });
  afterAll(() => platform?.stop());

  const ingress = (raw: string, secret = channel.secret) =>
    fetch(`${platform.gatewayUrl}/v1/channels/${channel.id}/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-channel-signature': sign(secret, raw) }, body: raw });

  it('a NUL byte in a body field is 400 naming the field, on public and authenticated routes alike', async () => {
    const workspace = await api.post('/v1/workspaces').send({ name: 'Acme\u0000', owner: { firstName: 'Ann', email: `ann.${tag}@example.com`, password: 'ann-password-1' } });
    expect(workspace.status).toBe(400);
    expect(workspace.body.error.details.field).toBe('name');
    const contact = await api.post('/v1/contacts').set(as(owner)).send({ firstName: 'Carl', tags: ['vip', 'x\u0000y'] });
    expect(contact.status).toBe(400);
    expect(contact.body.error.details.field).toBe('tags.1');
    const escape = await api.post('/v1/contacts').set(as(owner)).send({ firstName: 'Esc\u001b[31mape' });
    expect(escape.status).toBe(400);
    const multiline = await api.post('/v1/contacts').set(as(owner)).send({ firstName: 'Line', lastName: 'one\ttwo' });
    expect(multiline.status).toBe(201);
  });

  it('a NUL byte in a path id is 404 and in a query is 400, never 500', async () => {
    expect((await api.get('/v1/messages/%00').set(as(owner))).status).toBe(404);
    expect((await api.get('/v1/contacts/abc%00def').set(as(owner))).status).toBe(404);
    const query = await api.get('/v1/contacts').query({ email: 'a\u0000@example.com' }).set(as(owner));
    expect(query.status).toBe(400);
    expect(query.body.error.details.field).toBe('email');
  });

  it('JSON nested thousands of levels deep is 400, on the API and on ingress', async () => {
    const deep = `{"name":"Deep","owner":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const api400 = await api.post('/v1/workspaces').set('Content-Type', 'application/json').send(deep);
    expect(api400.status).toBe(400);
    expect(api400.body.error.message).toMatch(/deeper than/);
    const nested = JSON.stringify({ ...incomingText(`deep-${tag}`, 'deep'), message: { type: 'unsupported', payload: JSON.parse('['.repeat(3000) + ']'.repeat(3000)) } });
    const res = await ingress(nested);
    expect(res.status).toBe(400);
  });

  it('a signed provider message holding a NUL byte is refused with 400 before the 202, and nothing of it is stored', async () => {
    const refused = await ingress(JSON.stringify(incomingText(`nul-${tag}`, 'hello\u0000world')));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as any).error.details.field).toBe('message.text');
    // Positive control from the same channel: a clean message lands; the refused contact never appears.
    expect((await ingress(JSON.stringify(incomingText(`clean-${tag}`, 'hello world')))).status).toBe(202);
    await eventually(async () => (await api.get('/v1/contacts').query({ channelId: channel.id, externalId: `clean-${tag}` }).set(as(owner))).body.items?.length === 1, 'the clean message');
    expect((await api.get('/v1/contacts').query({ channelId: channel.id, externalId: `nul-${tag}` }).set(as(owner))).body.items).toEqual([]);
  });
});
