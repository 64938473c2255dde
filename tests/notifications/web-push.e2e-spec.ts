import { presenceKey } from '@omnibox/contracts';
import { connectRedis, RedisHandle } from '@omnibox/platform';
import { eventually, sharedEngineUrls, uniqueName } from '@omnibox/testing';
import { RealtimeClient } from '../inbox/realtime-client';
import { NotificationsWorld, startNotificationsWorld } from './notifications-world';

/**
 * Web Push and realtime frames end to end (NTF-2, API.md "Notifications" and "Realtime"): pushes reach
 * a real Web Push service on loopback that checks the VAPID signature and decrypts each payload as a
 * browser would; sockets get their user's frames only.
 */
describe('Web Push and realtime notifications (NTF-2)', () => {
  let world: NotificationsWorld;
  let users: NotificationsWorld['users'];
  let redis: RedisHandle;
  const clients: RealtimeClient[] = [];
  const thread = (text = 'hello') => world.inbound(uniqueName('p'), text);
  const pushesAbout = (browser: { endpoint: string }, contactId: string) =>
    world.push.pushesTo(browser.endpoint.split('/').pop()!).filter((push) => (push.json as { contactId?: string }).contactId === contactId);
  /**
   * A positive control for "no push came": a browser's pushes go out in the order they were asked for,
   * so once a push asked for later arrives, any push asked for before it would have arrived too.
   */
  const laterPushArrives = async (name: string, browser: { endpoint: string }) => {
    const control = await thread('control');
    await world.post('olivia', `/v1/conversations/${control}/comments`, { text: `{{@user.${users[name].id}}} control` });
    await world.push.waitFor((push) => push.subscription === browser.endpoint.split('/').pop() && (push.json as { contactId?: string }).contactId === control, `${name}'s control push`);
  };

  beforeAll(async () => {
    // A push may take long before it counts as unanswered: a push held up behind a hung one would show.
    world = await startNotificationsWorld({ extraEnv: { PUSH_TIMEOUT_MS: '20000' } });
    users = world.users;
    redis = connectRedis(sharedEngineUrls.REDIS_URL);
  }, 120000);

  afterAll(async () => {
    await Promise.allSettled(clients.map((client) => client.close()));
    await redis?.close();
    await world?.stop();
  });

  it('NTF-2: a push arrives decrypted at the loopback push service with the right title, TTL, Urgency and the thread’s Topic', async () => {
    const key = await world.get('ana', '/v1/push/vapid-public-key');
    expect(key.body).toEqual({ publicKey: world.platform.env.VAPID_PUBLIC_KEY });
    const browser = await world.subscribe('ana');
    const again = await world.post('ana', '/v1/push-subscriptions', { endpoint: browser.endpoint, keys: browser.keys });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(browser.id);
    expect((await world.get('ana', '/v1/push-subscriptions')).body.items).toEqual([expect.objectContaining({ id: browser.id, endpoint: browser.endpoint })]);

    const contactId = await thread('please call me back');
    await world.assign(contactId, { mode: 'user', userId: users.ana.id }, 'mia');
    const pushed = await world.push.waitFor((push) => push.subscription === browser.endpoint.split('/').pop() && (push.json as { kind?: string })?.kind === 'assigned', 'the assigned push');
    expect(pushed.json).toMatchObject({ kind: 'assigned', title: 'Assigned to you', body: 'Customer by Mia', contactId });
    expect(pushed).toMatchObject({ ttl: 86400, urgency: 'high', topic: expect.stringMatching(/^[A-Za-z0-9_-]{1,32}$/) });
    expect(pushed.claims).toMatchObject({ aud: world.push.url, sub: 'mailto:tests@example.com' });
    expect(world.push.refused).toEqual([]);
    // A second notification about the same thread carries the same Topic: the browser shows only the latest.
    await world.post('mia', `/v1/conversations/${contactId}/comments`, { text: `{{@user.${users.ana.id}}} see this` });
    const mentioned = await world.push.waitFor((push) => (push.json as { kind?: string })?.kind === 'mentioned' && (push.json as { contactId?: string }).contactId === contactId, 'the mention push');
    expect(mentioned.topic).toBe(pushed.topic);
    expect(mentioned.ttl).toBe(86400);
  });

  it('NTF-2: a 410 removes the subscription; a 429 is tried again after its Retry-After', async () => {
    const gone = await world.subscribe('ben');
    const busy = await world.subscribe('ben');
    world.push.respondWith(gone, { status: 410 });
    world.push.respondWith(busy, { status: 429, retryAfter: 1, times: 1 });
    const contactId = await thread();
    const asked = Date.now();
    await world.assign(contactId, { mode: 'user', userId: users.ben.id });
    await eventually(async () => !(await world.get('ben', '/v1/push-subscriptions')).body.items.some((item: { id: string }) => item.id === gone.id), 'the gone subscription removed');
    const retried = await world.push.waitFor((push) => push.subscription === busy.endpoint.split('/').pop(), 'the push retried after Retry-After', 15000);
    expect(retried.at - asked).toBeGreaterThanOrEqual(1000);
    expect((await world.get('ben', '/v1/push-subscriptions')).body.items.map((item: { id: string }) => item.id)).toEqual([busy.id]);
  });

  it('NTF-2: a push service that hangs delays no other notification', async () => {
    const hung = await world.subscribe('dee');
    const fine = await world.subscribe('dee');
    const mia = await world.subscribe('mia');
    world.push.respondWith(hung, { status: 201, hang: true });
    const contactId = await thread();
    await world.assign(contactId, { mode: 'user', userId: users.dee.id });
    // While the hung push waits out its 20 s limit, the same user's other browser and another user get theirs.
    await world.waitFor('dee', (n) => n.kind === 'assigned' && n.contactId === contactId, 'assigned in the centre', 10000);
    await world.push.waitFor((push) => push.subscription === fine.endpoint.split('/').pop() && (push.json as { contactId?: string }).contactId === contactId, 'the push to the working browser', 10000);
    await world.post('dee', `/v1/conversations/${contactId}/comments`, { text: `{{@user.${users.mia.id}}} quick question` });
    await world.push.waitFor((push) => push.subscription === mia.endpoint.split('/').pop(), 'the push to another user', 10000);
    expect(world.push.pushesTo(hung)).toEqual([]);
  });

  it('NTF-2: settings switch a kind off for the centre and for push separately', async () => {
    const browser = await world.subscribe('cid');
    const defaults = await world.get('cid', '/v1/notification-settings');
    expect(defaults.body.kinds.new_message).toEqual({ centre: false, push: true });
    expect(defaults.body.pushWhenOnline).toBe(false);
    const off = await world.put('cid', '/v1/notification-settings', { kinds: { collaborator_added: { centre: false } } });
    expect(off.body.kinds.collaborator_added).toEqual({ centre: false, push: true });
    const first = await thread();
    await world.post('olivia', `/v1/conversations/${first}/collaborators`, { userId: users.cid.id });
    await world.push.waitFor((push) => push.subscription === browser.endpoint.split('/').pop() && (push.json as { contactId?: string }).contactId === first, 'the push while the centre is off');
    await world.settled();
    expect((await world.centre('cid')).items.filter((n) => n.contactId === first)).toEqual([]);

    expect((await world.put('cid', '/v1/notification-settings', { kinds: { collaborator_added: { centre: true, push: false } } })).body.kinds.collaborator_added).toEqual({ centre: true, push: false });
    const second = await thread();
    await world.post('olivia', `/v1/conversations/${second}/collaborators`, { userId: users.cid.id });
    await world.waitFor('cid', (n) => n.kind === 'collaborator_added' && n.contactId === second, 'in the centre while push is off');
    await laterPushArrives('cid', browser);
    expect(pushesAbout(browser, second)).toEqual([]);

    const bad = await world.put('cid', '/v1/notification-settings', { kinds: { birthdays: { centre: false } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^kinds\.birthdays/);
    expect((await world.put('cid', '/v1/notification-settings', { kinds: { mentioned: { push: 'no' } } })).status).toBe(400);
  });

  it('NTF-2: no push to a user whose socket is open and active, unless pushWhenOnline', async () => {
    const browser = await world.subscribe('ana');
    const socket = await RealtimeClient.open(world.platform.gatewayUrl, world.tokenOf('ana'));
    clients.push(socket);
    const online = await thread();
    await world.assign(online, { mode: 'user', userId: users.ana.id });
    await socket.waitFor((frame) => frame.type === 'notification.created' && frame.data.contactId === online, 'the frame instead of a push');

    expect((await world.put('ana', '/v1/notification-settings', { pushWhenOnline: true })).body.pushWhenOnline).toBe(true);
    const wanted = await thread();
    await world.assign(wanted, { mode: 'user', userId: users.ana.id });
    await world.push.waitFor((push) => push.subscription === browser.endpoint.split('/').pop() && (push.json as { contactId?: string }).contactId === wanted, 'the push while online with pushWhenOnline');
    // Asked for later, it came: the one asked for while online without pushWhenOnline was not sent.
    expect(pushesAbout(browser, online)).toEqual([]);
    await world.put('ana', '/v1/notification-settings', { pushWhenOnline: false });
    // Once the socket is closed (and the gateway says so), pushes go out again.
    await socket.close();
    await eventually(async () => (await redis.redis.zcount(presenceKey(world.workspaceId, users.ana.id), Date.now(), '+inf')) === 0, 'ana offline');
    const offline = await thread();
    await world.assign(offline, { mode: 'user', userId: users.ana.id });
    await world.push.waitFor((push) => push.subscription === browser.endpoint.split('/').pop() && (push.json as { contactId?: string }).contactId === offline, 'the push once offline');
  });

  it('API.md Realtime: notification.created, .updated and .read frames reach their user only', async () => {
    const ana = await RealtimeClient.open(world.platform.gatewayUrl, world.tokenOf('ana'));
    const ben = await RealtimeClient.open(world.platform.gatewayUrl, world.tokenOf('ben'));
    const dee = await RealtimeClient.open(world.platform.gatewayUrl, world.tokenOf('dee'));
    clients.push(ana, ben, dee);
    const contact = uniqueName('f');
    const contactId = await world.inbound(contact, 'first');
    await world.assign(contactId, { mode: 'team', teamId: world.sales });
    await world.send(contact, 'second');
    const created = await ana.waitFor((frame) => frame.type === 'notification.created' && frame.data.kind === 'team_message' && frame.data.contactId === contactId, 'team_message created');
    await world.send(contact, 'third');
    const updated = await ana.waitFor((frame) => frame.type === 'notification.updated' && frame.data.id === created.data.id && frame.data.count === 2, 'team_message grown');
    expect(updated.data).toMatchObject({ body: 'third', read: false });
    const bens = await ben.waitFor((frame) => frame.type === 'notification.created' && frame.data.kind === 'team_message' && frame.data.contactId === contactId, 'ben’s own');
    expect(bens.data.id).not.toBe(created.data.id);
    expect((await world.post('ana', `/v1/notifications/${created.data.id}/read`)).status).toBe(200);
    await ana.waitFor((frame) => frame.type === 'notification.read' && frame.data.ids.includes(created.data.id), 'read frame');
    await world.post('ana', '/v1/notifications/read-all');
    await ana.waitFor((frame) => frame.type === 'notification.read' && frame.data.all === true, 'read-all frame');
    // Positive control: ben and dee each get a frame of their own published after ana's last one, so by
    // then they would have (wrongly) received any of hers.
    for (const [name, client] of [['ben', ben], ['dee', dee]] as const) {
      expect((await world.post(name, '/v1/notifications/read-all')).status).toBe(200);
      await client.waitFor((frame) => frame.type === 'notification.read' && frame.data.all === true, `${name}'s own read-all frame`);
    }
    const leaked = (client: RealtimeClient) => client.frames.filter((frame) => frame.type.startsWith('notification.') && JSON.stringify(frame.data).includes(created.data.id));
    expect(leaked(ben)).toEqual([]);
    expect(dee.frames.filter((frame) => frame.type.startsWith('notification.') && frame.data?.contactId === contactId)).toEqual([]);
  });
});
