import { EventBus } from '@omnibox/messaging';
import { connectNats, NatsHandle } from '@omnibox/platform';
import { bearer, eventually, LoopbackPushService, sharedEngineUrls, uniqueName } from '@omnibox/testing';
import request from 'supertest';
import { FakeProvider, incomingText, postProviderEvent } from '../support/fake-provider';
import { RunningPlatform, ServiceName, startPlatform } from '../support/platform';
import { consumerCaughtUp } from '../support/settled';

export interface Notification {
  id: string;
  kind: string;
  contactId: string | null;
  callId: string | null;
  actorId: string | null;
  title: string;
  body: string;
  count: number;
  read: boolean;
  createdAt: string;
  updatedAt: string;
}

/**
 * A workspace over the real gateway, conversations, contacts and notifications services, with a
 * loopback Web Push service that checks and decrypts what it gets, for the notifications' end-to-end
 * tests:
 *   olivia owner · mia manager · ana agent/none (Sales) · ben agent/team (Sales) · cid agent/self (Sales)
 *   dee agent/none (Support)
 */
export async function startNotificationsWorld(options: { extraEnv?: Record<string, string>; services?: ServiceName[]; platform?: RunningPlatform } = {}) {
  const provider = await new FakeProvider().start();
  const engines = { NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL };
  const platform =
    options.platform ??
    (await startPlatform(engines, options.services ?? ['contacts', 'conversations', 'notifications', 'gateway'], undefined, {
      DELIVERY_BACKOFF_MS: '50',
      DELIVERY_MAX_ATTEMPTS: '2',
      SNOOZE_POLL_MS: '100',
      PUSH_TIMEOUT_MS: '1500',
      ...options.extraEnv,
    }));
  const push = await LoopbackPushService.start(platform.env.VAPID_PUBLIC_KEY);
  const nats: NatsHandle = await connectNats(engines.NATS_URL, uniqueName('ntf-world'));
  const bus = new EventBus(nats.connection, { stream: platform.env.EVENT_STREAM, subjectPrefix: platform.env.EVENT_SUBJECT_PREFIX });
  const api = request(platform.gatewayUrl);
  const tag = uniqueName('nt');
  const email = (who: string) => `${who}.${tag}@example.com`;
  const users: Record<string, { id: string; token: string }> = {};
  const tokenOf = (name: string) => users[name].token;
  const get = (name: string, path: string) => api.get(path).set(bearer(tokenOf(name)));
  const post = (name: string, path: string, body: unknown = {}) => api.post(path).set(bearer(tokenOf(name))).send(body as object);
  const put = (name: string, path: string, body: unknown) => api.put(path).set(bearer(tokenOf(name))).send(body as object);

  async function addUser(name: string, role: 'agent' | 'manager', restriction: 'none' | 'team' | 'self' = 'none') {
    const created = await post('olivia', '/v1/users', { firstName: name[0].toUpperCase() + name.slice(1), email: email(name), password: 'agent-password-1', role, ...(role === 'agent' ? { restriction } : {}) });
    expect(created.status).toBe(201);
    users[name] = { id: created.body.id, token: '' };
  }

  const workspace = await api.post('/v1/workspaces').send({ name: 'Notify Co', owner: { firstName: 'Olivia', email: email('olivia'), password: 'owner-password-1' } });
  expect(workspace.status).toBe(201);
  users.olivia = { id: workspace.body.user.id, token: workspace.body.token };
  const workspaceId = workspace.body.workspace.id as string;
  await addUser('mia', 'manager');
  await addUser('ana', 'agent', 'none');
  await addUser('ben', 'agent', 'team');
  await addUser('cid', 'agent', 'self');
  await addUser('dee', 'agent', 'none');
  const sales = (await post('olivia', '/v1/teams', { name: 'Sales', memberIds: [users.ana.id, users.ben.id, users.cid.id] })).body.id as string;
  const support = (await post('olivia', '/v1/teams', { name: 'Support', memberIds: [users.dee.id] })).body.id as string;
  for (const name of Object.keys(users).filter((n) => n !== 'olivia')) {
    users[name].token = (await api.post('/v1/auth/login').send({ email: email(name), password: 'agent-password-1' })).body.token;
  }
  const whatsapp = (await post('olivia', '/v1/channels', { type: 'whatsapp', name: 'WhatsApp', config: { outboundUrl: `${provider.url}/send` } })).body as { id: string; secret: string };

  /** Waits until a durable consumer (of the notifications service, or another) has handled everything published so far. */
  const caughtUp = (durable: string, timeoutMs = 15000) => consumerCaughtUp(bus, durable, timeoutMs);
  // Notifications are decided on the service's copy of the directory, kept from the directory's events.
  await caughtUp('notifications-directory');

  const world = {
    platform,
    workspaceId,
    api,
    push,
    bus,
    users,
    sales,
    support,
    whatsapp,
    tokenOf,
    get,
    post,
    put,
    caughtUp,
    /** The user's notifications (first page of up to 200), with the unread count. */
    async centre(name: string, query: Record<string, string> = {}): Promise<{ items: Notification[]; unreadCount: number; nextCursor: string | null }> {
      const res = await get(name, '/v1/notifications').query({ limit: '200', ...query });
      expect(res.status).toBe(200);
      return res.body;
    },
    /** Waits until one of the user's notifications matches. */
    async waitFor(name: string, match: (notification: Notification) => boolean, what: string, timeoutMs = 15000): Promise<Notification> {
      return eventually(async () => (await world.centre(name)).items.find(match) ?? null, `${name}: ${what}`, timeoutMs);
    },
    /** Lets in-flight events reach the notifications service before asserting that nothing else came. */
    async settled(timeoutMs = 15000): Promise<void> {
      await caughtUp('notifications-conversations', timeoutMs);
      await caughtUp('notifications-calls', timeoutMs);
    },
    /** A contact writes in; answers the contact id once the message is on the thread. */
    async inbound(externalId: string, text: string): Promise<string> {
      expect(await postProviderEvent(platform.gatewayUrl, whatsapp, incomingText(externalId, text))).toBe(202);
      return eventually(async () => {
        const found = await get('olivia', '/v1/contacts').query({ channelId: whatsapp.id, externalId });
        const contactId = found.body.items?.[0]?.id as string | undefined;
        if (!contactId) return null;
        const conversation = await get('olivia', `/v1/conversations/${contactId}`);
        return conversation.body.lastMessage?.preview === text ? contactId : null;
      }, `"${text}" from ${externalId} on its thread`);
    },
    /** A contact writes in without waiting (messages of one contact keep their order). */
    async send(externalId: string, text: string): Promise<void> {
      expect(await postProviderEvent(platform.gatewayUrl, whatsapp, incomingText(externalId, text))).toBe(202);
    },
    async assign(contactId: string, body: Record<string, unknown>, as = 'olivia') {
      const res = await post(as, `/v1/conversations/${contactId}/assignee`, body);
      expect(res.status).toBe(200);
      return res.body;
    },
    /** A browser of the user subscribed to Web Push at the loopback push service. */
    async subscribe(name: string) {
      const subscription = push.subscribe(`${name}-${uniqueName('s')}`);
      const res = await post(name, '/v1/push-subscriptions', subscription);
      expect(res.status).toBe(201);
      return { ...subscription, id: res.body.id as string };
    },
    async stop() {
      await nats.close();
      await push.close();
      if (!options.platform) await platform.stop();
      await provider.stop();
    },
  };
  return world;
}

export type NotificationsWorld = Awaited<ReturnType<typeof startNotificationsWorld>>;

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
