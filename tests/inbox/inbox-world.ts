import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@omnibox/platform';
import { bearer, eventually, sharedEngineUrls, uniqueName } from '@omnibox/testing';
import request from 'supertest';
import { createGateway } from '../../services/gateway/src/app';
import { GatewayConfig } from '../../services/gateway/src/config';
import { FakeProvider, incomingText, postProviderEvent } from '../support/fake-provider';
import { RunningPlatform, startPlatform } from '../support/platform';

export type Conversation = { contactId: string; status: string; assigneeId: string | null; teamId: string | null; unreadCount: number; lastMessageAt: string };

/**
 * A workspace over the real gateway (optionally two replicas on the same engines), with users of every
 * role and restriction, for the inbox's end-to-end tests:
 *   olivia owner · mia manager · ana agent/none (Sales) · ben agent/team (Sales) · cid agent/self (Sales)
 *   dee agent/none (Support) · eve agent/team (Support) · zed agent/none, no team, may not see blocked contacts
 */
export async function startInboxWorld(options: { secondReplica?: boolean } = {}) {
  const provider = await new FakeProvider().start();
  const platform: RunningPlatform = await startPlatform(
    { NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL },
    ['contacts', 'conversations', 'gateway'],
    undefined,
    { DELIVERY_BACKOFF_MS: '50', DELIVERY_MAX_ATTEMPTS: '2', SNOOZE_POLL_MS: '100' },
  );
  let second: INestApplication | undefined;
  let secondUrl = '';
  if (options.secondReplica) {
    // A second gateway replica on the same engines, databases and event stream.
    const config = loadConfig(GatewayConfig, { ...platform.env, MONGODB_DATABASE: `${platform.env.MONGODB_DATABASE_PREFIX}_gateway` });
    second = await createGateway(config);
    await second.listen(0, '127.0.0.1');
    secondUrl = `http://127.0.0.1:${(second.getHttpServer().address() as { port: number }).port}`;
  }
  const api = request(platform.gatewayUrl);
  const tag = uniqueName('ib');
  const email = (who: string) => `${who}.${tag}@example.com`;
  const users: Record<string, { id: string; token: string }> = {};
  const tokenOf = (name: string) => users[name].token;
  const get = (name: string, path: string) => api.get(path).set(bearer(tokenOf(name)));
  const post = (name: string, path: string, body: unknown = {}) => api.post(path).set(bearer(tokenOf(name))).send(body as object);
  const list = async (name: string, view: string, query: Record<string, string> = {}) => {
    const res = await get(name, `/v1/inbox/${view}/conversations`).query(query);
    expect(res.status).toBe(200);
    return res.body.items as Conversation[];
  };
  const ids = (items: Conversation[]) => items.map((item) => item.contactId);

  async function addUser(name: string, role: 'agent' | 'manager', restriction: 'none' | 'team' | 'self' = 'none', canViewBlocked = true) {
    const created = await post('olivia', '/v1/users', { firstName: name, email: email(name), password: 'agent-password-1', role, ...(role === 'agent' ? { restriction } : {}), canViewBlocked });
    expect(created.status).toBe(201);
    users[name] = { id: created.body.id, token: '' };
  }

  const workspace = await api.post('/v1/workspaces').send({ name: 'Inbox Co', owner: { firstName: 'Olivia', email: email('olivia'), password: 'owner-password-1' } });
  users.olivia = { id: workspace.body.user.id, token: workspace.body.token };
  const workspaceId = workspace.body.workspace.id as string;
  await addUser('mia', 'manager');
  await addUser('ana', 'agent', 'none');
  await addUser('ben', 'agent', 'team');
  await addUser('cid', 'agent', 'self');
  await addUser('dee', 'agent', 'none');
  await addUser('eve', 'agent', 'team');
  await addUser('zed', 'agent', 'none', false);
  const sales = (await post('olivia', '/v1/teams', { name: 'Sales', memberIds: [users.ana.id, users.ben.id, users.cid.id] })).body.id as string;
  const support = (await post('olivia', '/v1/teams', { name: 'Support', memberIds: [users.dee.id, users.eve.id] })).body.id as string;
  for (const name of Object.keys(users).filter((n) => n !== 'olivia')) {
    users[name].token = (await api.post('/v1/auth/login').send({ email: email(name), password: 'agent-password-1' })).body.token;
  }
  // The inbox keeps its copy of the directory from the directory's events: start once it has the teams.
  await eventually(async () => (await get('olivia', '/v1/inbox')).body.teams?.length === 2, 'the inbox to know both teams', 15000);
  const whatsapp = (await post('olivia', '/v1/channels', { type: 'whatsapp', name: 'WhatsApp', config: { outboundUrl: `${provider.url}/send` } })).body as { id: string; secret: string };

  return {
    platform,
    api,
    secondUrl,
    users,
    workspaceId,
    sales,
    support,
    whatsapp,
    tokenOf,
    get,
    post,
    list,
    ids,
    sidebar: async (name: string) => (await get(name, '/v1/inbox')).body,
    standard: (bar: any, view: string) => bar.standard.find((entry: any) => entry.view === view),
    team: (bar: any, teamId: string) => bar.teams.find((entry: any) => entry.teamId === teamId),
    /** A contact writes in; answers its id once the thread is in the owner's All list. */
    async inbound(externalId: string, text: string): Promise<string> {
      expect(await postProviderEvent(platform.gatewayUrl, whatsapp, incomingText(externalId, text))).toBe(202);
      return eventually(async () => {
        const found = await get('olivia', '/v1/contacts').query({ channelId: whatsapp.id, externalId });
        const contactId = found.body.items?.[0]?.id as string | undefined;
        if (!contactId) return null;
        const conv = await get('olivia', `/v1/conversations/${contactId}`);
        if (conv.body.lastMessage?.preview !== text) return null;
        const all = await list('olivia', 'all', { limit: '200' });
        return all.find((item) => item.contactId === contactId && (item as any).lastMessage?.preview === text) ? contactId : null;
      }, `"${text}" from ${externalId} in the All list`, 15000);
    },
    async assign(contactId: string, body: Record<string, unknown>) {
      const res = await post('olivia', `/v1/conversations/${contactId}/assignee`, body);
      expect(res.status).toBe(200);
      return res.body;
    },
    /** Waits until the read model shows the thread in a view (or not). */
    until: (name: string, view: string, contactId: string, present: boolean, query: Record<string, string> = {}) =>
      eventually(async () => ids(await list(name, view, { limit: '200', ...query })).includes(contactId) === present, `${contactId} ${present ? 'in' : 'not in'} ${view} for ${name}`, 10000),
    async stop() {
      await second?.close();
      await platform.stop();
      await provider.stop();
    },
  };
}

export type InboxWorld = Awaited<ReturnType<typeof startInboxWorld>>;
