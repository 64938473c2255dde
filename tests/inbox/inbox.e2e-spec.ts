import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@omnibox/platform';
import { bearer, eventually, sharedEngineUrls, uniqueName } from '@omnibox/testing';
import request from 'supertest';
import { createGateway } from '../../services/gateway/src/app';
import { GatewayConfig } from '../../services/gateway/src/config';
import { InboxProjector } from '../../services/conversations/src/inbox/inbox.projector';
import { InboxStore, rowKey } from '../../services/conversations/src/inbox/inbox.store';
import { FakeProvider, incomingText, postProviderEvent } from '../support/fake-provider';
import { RunningPlatform, startPlatform } from '../support/platform';
import { RealtimeClient, upgradeStatus } from './realtime-client';

type Channel = { id: string; secret: string };
type Conversation = { contactId: string; status: string; assigneeId: string | null; teamId: string | null; unreadCount: number; lastMessageAt: string };

/**
 * Inbox views, counts, dots and real time over the real gateway (two replicas on the same engines),
 * with users of every role and restriction:
 *   olivia owner · mia manager · ana agent/none (Sales) · ben agent/team (Sales) · cid agent/self (Sales)
 *   dee agent/none (Support) · eve agent/team (Support) · zed agent/none, no team, may not see blocked contacts
 */
describe('inbox views, counts, dots and realtime (INB-1…8, FLT-1…6, VIS-2…4)', () => {
  let platform: RunningPlatform;
  let second: INestApplication;
  let secondUrl: string;
  let api: ReturnType<typeof request>;
  let provider: FakeProvider;
  const tag = uniqueName('ib');
  const email = (who: string) => `${who}.${tag}@example.com`;
  const as = bearer;
  const users: Record<string, { id: string; token: string }> = {};
  let workspaceId: string;
  let sales: string;
  let support: string;
  let whatsapp: Channel;
  const clients: RealtimeClient[] = [];

  async function addUser(name: string, role: 'agent' | 'manager', restriction: 'none' | 'team' | 'self' = 'none', canViewBlocked = true) {
    const created = await api
      .post('/v1/users')
      .set(as(users.olivia.token))
      .send({ firstName: name, email: email(name), password: 'agent-password-1', role, ...(role === 'agent' ? { restriction } : {}), canViewBlocked });
    expect(created.status).toBe(201);
    users[name] = { id: created.body.id, token: '' };
  }
  const tokenOf = (name: string) => users[name].token;
  const get = (name: string, path: string) => api.get(path).set(as(tokenOf(name)));
  const post = (name: string, path: string, body: unknown = {}) => api.post(path).set(as(tokenOf(name))).send(body as object);
  const list = async (name: string, view: string, query: Record<string, string> = {}) => {
    const res = await get(name, `/v1/inbox/${view}/conversations`).query(query);
    expect(res.status).toBe(200);
    return res.body.items as Conversation[];
  };
  const ids = (items: Conversation[]) => items.map((item) => item.contactId);
  const sidebar = async (name: string) => (await get(name, '/v1/inbox')).body;
  const standard = (bar: any, view: string) => bar.standard.find((entry: any) => entry.view === view);
  const team = (bar: any, teamId: string) => bar.teams.find((entry: any) => entry.teamId === teamId);

  /** A contact writes in; answers its id once the thread is in the owner's All list. */
  async function inbound(externalId: string, text: string): Promise<string> {
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
  }
  const assign = async (contactId: string, body: Record<string, unknown>) => {
    const res = await post('olivia', `/v1/conversations/${contactId}/assignee`, body);
    expect(res.status).toBe(200);
    return res.body;
  };
  /** Waits until the read model shows the thread in a view as `match` says. */
  const until = (name: string, view: string, contactId: string, present: boolean, query: Record<string, string> = {}) =>
    eventually(async () => ids(await list(name, view, { limit: '200', ...query })).includes(contactId) === present, `${contactId} ${present ? 'in' : 'not in'} ${view} for ${name}`, 10000);

  beforeAll(async () => {
    provider = await new FakeProvider().start();
    platform = await startPlatform(
      { NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL },
      ['contacts', 'conversations', 'gateway'],
      undefined,
      { DELIVERY_BACKOFF_MS: '50', DELIVERY_MAX_ATTEMPTS: '2', SNOOZE_POLL_MS: '100' },
    );
    // A second gateway replica on the same engines, databases and event stream.
    const config = loadConfig(GatewayConfig, { ...platform.env, MONGODB_DATABASE: `${platform.env.MONGODB_DATABASE_PREFIX}_gateway` });
    second = await createGateway(config);
    await second.listen(0, '127.0.0.1');
    secondUrl = `http://127.0.0.1:${(second.getHttpServer().address() as { port: number }).port}`;
    api = request(platform.gatewayUrl);

    const workspace = await api.post('/v1/workspaces').send({ name: 'Inbox Co', owner: { firstName: 'Olivia', email: email('olivia'), password: 'owner-password-1' } });
    users.olivia = { id: workspace.body.user.id, token: workspace.body.token };
    workspaceId = workspace.body.workspace.id;
    await addUser('mia', 'manager');
    await addUser('ana', 'agent', 'none');
    await addUser('ben', 'agent', 'team');
    await addUser('cid', 'agent', 'self');
    await addUser('dee', 'agent', 'none');
    await addUser('eve', 'agent', 'team');
    await addUser('zed', 'agent', 'none', false);
    sales = (await post('olivia', '/v1/teams', { name: 'Sales', memberIds: [users.ana.id, users.ben.id, users.cid.id] })).body.id;
    support = (await post('olivia', '/v1/teams', { name: 'Support', memberIds: [users.dee.id, users.eve.id] })).body.id;
    for (const name of Object.keys(users).filter((n) => n !== 'olivia')) {
      users[name].token = (await api.post('/v1/auth/login').send({ email: email(name), password: 'agent-password-1' })).body.token;
    }
    const channel = await post('olivia', '/v1/channels', { type: 'whatsapp', name: 'WhatsApp', config: { outboundUrl: `${provider.url}/send` } });
    whatsapp = channel.body;
  }, 120000);

  afterAll(async () => {
    await Promise.allSettled(clients.map((client) => client.close()));
    await second?.close();
    await platform?.stop();
    await provider?.stop();
  });

  describe('which views a caller may open', () => {
    it('INB-1: an agent with restriction self sees only Mine and gets 403 on all, unassigned and team views', async () => {
      const bar = await sidebar('cid');
      expect(bar.standard.map((entry: any) => entry.view)).toEqual(['mine']);
      expect(bar.teams).toEqual([]);
      for (const view of ['all', 'unassigned', `team:${sales}`, `team:${sales}:unassigned`]) {
        const res = await get('cid', `/v1/inbox/${view}/conversations`);
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
      }
      expect((await get('cid', '/v1/inbox/mine/conversations')).status).toBe(200);
    });

    it('INB-1/INB-2: a team agent sees Mine and their own teams; a none agent all standard views and their teams; owners and managers every team', async () => {
      const ben = await sidebar('ben');
      expect(ben.standard.map((entry: any) => entry.view)).toEqual(['mine']);
      expect(ben.teams.map((entry: any) => entry.teamId)).toEqual([sales]);
      expect((await get('ben', '/v1/inbox/all/conversations')).status).toBe(403);
      expect((await get('ben', `/v1/inbox/team:${support}/conversations`)).status).toBe(403);
      expect((await get('ben', `/v1/inbox/team:${sales}:unassigned/conversations`)).status).toBe(200);
      const ana = await sidebar('ana');
      expect(ana.standard.map((entry: any) => entry.view)).toEqual(['all', 'mine', 'unassigned']);
      expect(ana.teams.map((entry: any) => entry.teamId)).toEqual([sales]);
      expect((await get('ana', `/v1/inbox/team:${support}/conversations`)).status).toBe(403);
      for (const name of ['olivia', 'mia']) {
        const bar = await sidebar(name);
        expect(bar.teams.map((entry: any) => entry.name)).toEqual(['Sales', 'Support']);
      }
      expect((await get('olivia', '/v1/inbox/nonsense/conversations')).status).toBe(400);
    });
  });

  describe('lists', () => {
    let toDee: string;
    let salesThread: string;
    let mineOfCid: string;
    let collab: string;

    beforeAll(async () => {
      toDee = await inbound('vis-dee', 'assigned straight to Dee');
      salesThread = await inbound('vis-sales', 'for the Sales team');
      mineOfCid = await inbound('vis-cid', 'for Cid');
      collab = await inbound('vis-collab', 'Cid collaborates here');
      await assign(salesThread, { mode: 'team', teamId: sales });
      await assign(toDee, { mode: 'team', teamId: sales });
      await assign(toDee, { mode: 'user', userId: users.dee.id });
      await assign(mineOfCid, { mode: 'user', userId: users.cid.id });
      await assign(collab, { mode: 'user', userId: users.ana.id });
      expect((await post('olivia', `/v1/conversations/${collab}/collaborators`, { userId: users.cid.id })).status).toBe(200);
      await until('olivia', `team:${support}`, toDee, true);
      await until('cid', 'mine', mineOfCid, true);
    });

    it("INB-2: a thread assigned directly to a user outside team T is not in T's view; it is in their team's view", async () => {
      expect(ids(await list('olivia', `team:${sales}`, { limit: '200' }))).not.toContain(toDee);
      expect(ids(await list('olivia', `team:${support}`, { limit: '200' }))).toContain(toDee);
      expect(ids(await list('ana', `team:${sales}`, { limit: '200' }))).toEqual(expect.arrayContaining([salesThread, mineOfCid, collab]));
      expect(ids(await list('ben', `team:${sales}:unassigned`, { limit: '200' }))).toEqual([salesThread]);
      expect(ids(await list('olivia', 'unassigned', { limit: '200' }))).not.toContain(toDee);
    });

    it('VIS-2/VIS-3: Mine of a self agent holds only their threads; a thread they collaborate on is visible to them but in none of their views', async () => {
      expect(ids(await list('cid', 'mine', { limit: '200' }))).toEqual([mineOfCid]);
      expect((await get('cid', `/v1/conversations/${collab}`)).status).toBe(200);
      expect((await get('cid', `/v1/conversations/${toDee}`)).status).toBe(404);
    });

    it('INB-7: each conversation row carries the caller’s own unread count', async () => {
      const before = (await list('ana', `team:${sales}`, { limit: '200' })).find((item) => item.contactId === collab)!;
      expect(before.unreadCount).toBe(1);
      expect((await post('ana', `/v1/conversations/${collab}/read`)).status).toBe(200);
      await eventually(async () => (await list('ana', `team:${sales}`, { limit: '200' })).find((item) => item.contactId === collab)?.unreadCount === 0, 'ana has read it');
      expect((await list('olivia', 'all', { limit: '200' })).find((item) => item.contactId === collab)!.unreadCount).toBe(1);
    });

    it('FLT-1/FLT-6: status filters; a snoozed thread is hidden under Open and Closed and shown under All and Snoozed', async () => {
      const snoozed = await inbound('flt-snooze', 'snooze me');
      expect((await post('olivia', `/v1/conversations/${snoozed}/snooze`, { until: new Date(Date.now() + 3600_000).toISOString() })).status).toBe(200);
      await until('olivia', 'all', snoozed, true, { status: 'snoozed' });
      expect(ids(await list('olivia', 'all', { status: 'open', limit: '200' }))).not.toContain(snoozed);
      expect(ids(await list('olivia', 'all', { status: 'closed', limit: '200' }))).not.toContain(snoozed);
      expect(ids(await list('olivia', 'all', { limit: '200' }))).toContain(snoozed);
      const closed = await inbound('flt-closed', 'close me');
      expect((await post('olivia', `/v1/conversations/${closed}/status`, { status: 'closed' })).status).toBe(200);
      await until('olivia', 'all', closed, true, { status: 'closed' });
      expect(ids(await list('olivia', 'all', { status: 'open', limit: '200' }))).not.toContain(closed);
    });

    it('FLT-2/FLT-3: unreplied keeps threads whose latest message is incoming; newest and oldest order by the latest message', async () => {
      const replied = await inbound('flt-replied', 'please answer');
      expect((await post('olivia', `/v1/conversations/${replied}/messages`, { type: 'text', text: 'answered' })).status).toBe(201);
      await until('olivia', 'all', replied, false, { unreplied: 'true' });
      const unreplied = ids(await list('olivia', 'all', { unreplied: 'true', limit: '200' }));
      expect(unreplied).toContain(toDee);
      expect(unreplied).not.toContain(replied);
      const newest = await list('olivia', 'all', { limit: '200' });
      const times = newest.map((item) => item.lastMessageAt);
      expect(times).toEqual([...times].sort().reverse());
      const oldest = await list('olivia', 'all', { sort: 'oldest', limit: '200' });
      expect(ids(oldest)).toEqual(ids(newest).reverse());
    });

    it('FLT-4: longest / shortest order by time in the filtered status; with status all it is a 400 naming sort', async () => {
      const refused = await get('olivia', '/v1/inbox/all/conversations').query({ sort: 'longest' });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details.field).toBe('sort');
      expect(refused.body.error.message).toMatch(/^sort/);
      const longest = await list('olivia', 'all', { status: 'open', sort: 'longest', limit: '200' });
      const shortest = await list('olivia', 'all', { status: 'open', sort: 'shortest', limit: '200' });
      const since = longest.map((item: any) => item.statusSince);
      expect(since).toEqual([...since].sort());
      expect(ids(shortest)).toEqual(ids(longest).reverse());
      expect((await get('olivia', '/v1/inbox/all/conversations').query({ status: 'pending' })).status).toBe(400);
    });

    it('pagination neither skips nor repeats a thread while the list changes underneath', async () => {
      const made: string[] = [];
      for (let i = 0; i < 8; i++) made.push(await inbound(`page-${i}`, `page thread ${i}`));
      const stable = new Set(made.slice(0, 6));
      const seen: string[] = [];
      let cursor: string | null = null;
      let round = 0;
      do {
        const res = await get('olivia', '/v1/inbox/all/conversations').query({ limit: '3', ...(cursor ? { cursor } : {}) });
        expect(res.status).toBe(200);
        seen.push(...ids(res.body.items));
        cursor = res.body.nextCursor;
        // Meanwhile the two newest threads get new messages and move to the top.
        if (round < 2) await postProviderEvent(platform.gatewayUrl, whatsapp, incomingText(`page-${6 + round}`, `moved ${round}`));
        round++;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of stable) expect(seen).toContain(id);
    });
  });

  describe('blocked view', () => {
    it('INB-4: a blocked contact’s thread appears only in the blocked view, offered only to users allowed to see blocked contacts', async () => {
      const blocked = await inbound('blocked-one', 'you will block me');
      await assign(blocked, { mode: 'user', userId: users.ana.id });
      expect((await post('olivia', `/v1/contacts/${blocked}/block`)).status).toBe(200);
      await until('olivia', 'blocked', blocked, true);
      for (const view of ['all', 'unassigned', `team:${sales}`]) expect(ids(await list('olivia', view, { limit: '200' }))).not.toContain(blocked);
      expect(ids(await list('ana', 'mine', { limit: '200' }))).not.toContain(blocked);
      await eventually(async () => (await sidebar('olivia')).blocked?.count >= 1, 'blocked view offered');
      expect((await sidebar('olivia')).blocked).toEqual({ view: 'blocked', count: expect.any(Number) });
      expect((await sidebar('zed')).blocked).toBeNull();
      expect((await get('zed', '/v1/inbox/blocked/conversations')).status).toBe(403);
      const fixed = await get('olivia', '/v1/inbox/blocked/conversations').query({ status: 'open' });
      expect(fixed.status).toBe(400);
      expect(fixed.body.error.details.field).toBe('status');
      expect((await post('olivia', `/v1/contacts/${blocked}/unblock`)).status).toBe(200);
      await until('olivia', 'all', blocked, true);
      await until('olivia', 'blocked', blocked, false);
    });
  });

  describe('counts and dots', () => {
    it('INB-5: open counts follow messages and assignments', async () => {
      const before = await sidebar('ana');
      const thread = await inbound('count-1', 'count me');
      await eventually(async () => standard(await sidebar('ana'), 'unassigned').openCount === standard(before, 'unassigned').openCount + 1, 'unassigned count +1');
      await assign(thread, { mode: 'user', userId: users.ana.id });
      await eventually(async () => {
        const bar = await sidebar('ana');
        return standard(bar, 'mine').openCount === standard(before, 'mine').openCount + 1 && standard(bar, 'unassigned').openCount === standard(before, 'unassigned').openCount && team(bar, sales).openCount === team(before, sales).openCount + 1;
      }, 'mine and Sales +1, unassigned back');
      expect((await post('olivia', `/v1/conversations/${thread}/status`, { status: 'closed' })).status).toBe(200);
      await eventually(async () => standard(await sidebar('ana'), 'mine').openCount === standard(before, 'mine').openCount, 'closed: mine back');
      expect(standard(await sidebar('ana'), 'all').openCount).toBe(standard(await sidebar('olivia'), 'all').openCount);
    });

    it('INB-6: a new message on a thread in Mine lights Mine only; seen clears it', async () => {
      const thread = await inbound('dot-mine', 'first');
      await assign(thread, { mode: 'user', userId: users.ana.id });
      for (const name of ['ana', 'olivia', 'ben']) for (const view of ['all', 'mine', 'unassigned', `team:${sales}`]) await post(name, `/v1/inbox/${view}/seen`);
      expect(await postProviderEvent(platform.gatewayUrl, whatsapp, incomingText('dot-mine', 'second'))).toBe(202);
      const ana = await eventually(async () => {
        const bar = await sidebar('ana');
        return standard(bar, 'mine').hasNew ? bar : null;
      }, 'ana has a dot on Mine');
      expect(standard(ana, 'all').hasNew).toBe(false);
      expect(standard(ana, 'unassigned').hasNew).toBe(false);
      expect(team(ana, sales).hasNew).toBe(false);
      // The owner's first view holding it is the Sales team view (ana is a member); ben's too.
      const owner = await sidebar('olivia');
      expect(team(owner, sales).hasNew).toBe(true);
      expect(standard(owner, 'all').hasNew).toBe(false);
      expect(team(await sidebar('ben'), sales).hasNew).toBe(true);
      // VIS-4: cid (self) cannot see it, so nothing lights for him; zed (no team) gets All.
      expect((await sidebar('cid')).standard[0].hasNew).toBe(false);
      expect(standard(await sidebar('zed'), 'all').hasNew).toBe(true);
      const seen = await post('ana', '/v1/inbox/mine/seen');
      expect(seen.status).toBe(200);
      expect(standard(await sidebar('ana'), 'mine').hasNew).toBe(false);
      expect((await post('cid', '/v1/inbox/all/seen')).status).toBe(403);
    });

    it('INB-6: an unassigned thread lights Unassigned, a team-inbox thread the team view', async () => {
      for (const view of ['all', 'unassigned', `team:${support}`]) await post('olivia', `/v1/inbox/${view}/seen`);
      await post('dee', `/v1/inbox/team:${support}/seen`);
      const thread = await inbound('dot-unassigned', 'nobody has me');
      await eventually(async () => standard(await sidebar('olivia'), 'unassigned').hasNew, 'owner: dot on Unassigned');
      expect(standard(await sidebar('olivia'), 'all').hasNew).toBe(false);
      await post('olivia', '/v1/inbox/unassigned/seen');
      await assign(thread, { mode: 'team', teamId: support });
      expect(await postProviderEvent(platform.gatewayUrl, whatsapp, incomingText('dot-unassigned', 'now for support'))).toBe(202);
      await eventually(async () => team(await sidebar('dee'), support).hasNew, 'dee: dot on Support');
      expect(team(await sidebar('olivia'), support).hasNew).toBe(true);
      expect(standard(await sidebar('olivia'), 'unassigned').hasNew).toBe(false);
    });
  });

  describe('custom views', () => {
    it('INB-3: shared with a team, listed in groups, creator-only change (403), refreshed on request, visibility still applies', async () => {
      const vip = await inbound('custom-vip', 'I am important');
      const patched = await api.patch(`/v1/contacts/${vip}`).set(as(tokenOf('olivia'))).send({ tags: ['vip'] });
      expect(patched.status).toBe(200);
      const bad = await post('ana', '/v1/custom-inboxes', { name: 'Bad', filter: { all: [{ field: 'mood', op: 'eq', value: 'x' }] } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.field).toBe('filter.all[0].field');
      const created = await post('ana', '/v1/custom-inboxes', { name: 'VIPs', filter: { all: [{ field: 'tag', op: 'eq', value: 'vip' }] }, sharing: { teamIds: [support] } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'VIPs', createdBy: users.ana.id, lastRefreshedAt: expect.any(String) });
      const view = `custom:${created.body.id}`;
      await eventually(async () => ids(await list('ana', view)).includes(vip), 'vip in the custom view');
      const answer = await get('dee', `/v1/inbox/${view}/conversations`);
      expect(answer.status).toBe(200);
      expect(answer.body.lastRefreshedAt).toEqual(expect.any(String));
      expect(ids(answer.body.items)).toEqual([vip]);
      // eve (team, Support) may open it, but sees only what her visibility allows: not an unassigned thread.
      expect(ids((await get('eve', `/v1/inbox/${view}/conversations`)).body.items)).toEqual([]);
      expect((await get('ben', `/v1/inbox/${view}/conversations`)).status).toBe(403);
      const ana = await sidebar('ana');
      expect(ana.custom.byMe.map((v: any) => v.id)).toEqual([created.body.id]);
      const dee = await sidebar('dee');
      expect(dee.custom.byOthers.map((v: any) => v.id)).toEqual([created.body.id]);
      expect(dee.custom.all.map((v: any) => v.id)).toEqual([created.body.id]);
      expect((await api.patch(`/v1/custom-inboxes/${created.body.id}`).set(as(tokenOf('dee'))).send({ name: 'Mine now' })).status).toBe(403);
      expect((await api.delete(`/v1/custom-inboxes/${created.body.id}`).set(as(tokenOf('dee')))).status).toBe(403);
      expect((await api.patch(`/v1/custom-inboxes/${created.body.id}`).set(as(tokenOf('ana'))).send({ name: 'VIP contacts' })).body.name).toBe('VIP contacts');
      const first = answer.body.lastRefreshedAt;
      await new Promise((resolve) => setTimeout(resolve, 5));
      const refreshed = await post('dee', `/v1/custom-inboxes/${created.body.id}/refresh`);
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.lastRefreshedAt > first).toBe(true);
      expect((await get('dee', `/v1/inbox/${view}/conversations`)).body.lastRefreshedAt).toBe(refreshed.body.lastRefreshedAt);
      expect((await api.delete(`/v1/custom-inboxes/${created.body.id}`).set(as(tokenOf('ana')))).status).toBe(200);
      expect((await get('dee', `/v1/inbox/${view}/conversations`)).status).toBe(404);
    });
  });

  describe('read model', () => {
    it('the inbox read model rebuilds from the threads collection after Redis lost its rows and series', async () => {
      const tagged = await inbound('rebuild-tagged', 'tagged before the loss');
      expect((await api.patch(`/v1/contacts/${tagged}`).set(as(tokenOf('olivia'))).send({ tags: ['rebuilt'] })).status).toBe(200);
      const custom = await post('olivia', '/v1/custom-inboxes', { name: 'Rebuilt', filter: { all: [{ field: 'tag', op: 'eq', value: 'rebuilt' }] } });
      const taggedView = `custom:${custom.body.id}`;
      await eventually(async () => ids(await list('olivia', taggedView)).includes(tagged), 'tagged thread in the custom view');
      const before = ids(await list('olivia', 'all', { limit: '200' }));
      expect(before.length).toBeGreaterThan(5);
      const conversations = platform.services.conversations!.app;
      const store = conversations.get(InboxStore);
      const redis = store.redis.redis;
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `conversations:inbox:idx:${workspaceId}/*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      await redis.del(...before.map(rowKey));
      expect(await list('olivia', 'all', { limit: '200' })).toEqual([]);
      await conversations.get(InboxProjector).rebuild(workspaceId);
      expect(ids(await list('olivia', 'all', { limit: '200' }))).toEqual(before);
      // The contact attributes of advanced filters are durable: the rebuilt row has them again.
      expect(ids(await list('olivia', taggedView))).toEqual([tagged]);
    });
  });

  describe('realtime', () => {
    it('the WebSocket needs a valid token (header or ?token=)', async () => {
      expect(await upgradeStatus(platform.gatewayUrl, null)).toBe(401);
      expect(await upgradeStatus(platform.gatewayUrl, 'not-a-token')).toBe(401);
      expect(await upgradeStatus(platform.gatewayUrl, tokenOf('ana'))).toBe(101);
    });

    it('INB-8 / VIS-4: pushes reach the users who may see the thread on either replica, and no one else', async () => {
      const thread = await inbound('rt-1', 'hello realtime');
      await assign(thread, { mode: 'user', userId: users.ana.id });
      const ana = await RealtimeClient.open(platform.gatewayUrl, tokenOf('ana'));
      const owner = await RealtimeClient.open(secondUrl, tokenOf('olivia'), { viaQuery: true });
      const ben = await RealtimeClient.open(secondUrl, tokenOf('ben'));
      const cid = await RealtimeClient.open(platform.gatewayUrl, tokenOf('cid'));
      const eve = await RealtimeClient.open(secondUrl, tokenOf('eve'));
      clients.push(ana, owner, ben, cid, eve);
      expect(await postProviderEvent(platform.gatewayUrl, whatsapp, incomingText('rt-1', 'pushed to you'))).toBe(202);
      const isIt = (frame: any) => frame.type === 'message.created' && frame.data.text === 'pushed to you';
      for (const client of [ana, owner, ben]) await client.waitFor(isIt, 'message.created');
      await ana.waitFor((frame) => frame.type === 'conversation.updated' && frame.data.contactId === thread && frame.data.unreadCount >= 1, 'conversation.updated');
      await ana.waitFor((frame) => frame.type === 'inbox.updated' && frame.data.standard.find((s: any) => s.view === 'mine').hasNew, 'inbox.updated with the Mine dot');
      const comment = await post('olivia', `/v1/conversations/${thread}/comments`, { text: 'internal note' });
      expect(comment.status).toBe(201);
      await ana.waitFor((frame) => frame.type === 'comment.created' && frame.data.text === 'internal note', 'comment.created');
      expect((await post('olivia', `/v1/conversations/${thread}/typing`, { typing: true })).status).toBe(200);
      await ana.waitFor((frame) => frame.type === 'typing' && frame.data.contactId === thread && frame.data.userId === users.olivia.id, 'typing');
      expect((await post('olivia', `/v1/conversations/${thread}/status`, { status: 'closed' })).status).toBe(200);
      await owner.waitFor((frame) => frame.type === 'event.created' && frame.data.type === 'closed' && frame.data.contactId === thread, 'event.created');
      // Give the others time to (wrongly) receive anything of this thread.
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const client of [cid, eve]) {
        const leaked = client.frames.filter((frame) => JSON.stringify(frame.data ?? {}).includes(thread) || (frame.type === 'message.created' && frame.data.text === 'pushed to you'));
        expect(leaked).toEqual([]);
      }
      expect(ben.frames.some((frame) => frame.type === 'typing')).toBe(true);
    });

    it('INB-8: a client that reconnects with the seq of its last frame gets what it missed, in order', async () => {
      const ana = await RealtimeClient.open(secondUrl, tokenOf('ana'));
      const thread = await inbound('rt-2', 'before the drop');
      await assign(thread, { mode: 'user', userId: users.ana.id });
      await ana.waitFor((frame) => frame.type === 'conversation.updated' && frame.data.contactId === thread && frame.data.assigneeId === users.ana.id, 'assignment pushed');
      const resumeFrom = ana.lastSeq()!;
      await ana.close();
      expect(await postProviderEvent(platform.gatewayUrl, whatsapp, incomingText('rt-2', 'while you were away'))).toBe(202);
      await eventually(async () => (await get('ana', `/v1/conversations/${thread}`)).body.lastMessage?.preview === 'while you were away', 'message stored');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const back = await RealtimeClient.open(platform.gatewayUrl, tokenOf('ana'), { after: resumeFrom });
      clients.push(back);
      const missed = await back.waitFor((frame) => frame.type === 'message.created' && frame.data.text === 'while you were away', 'missed message replayed');
      const ready = back.frames.findIndex((frame) => frame.type === 'ready');
      expect(back.frames.indexOf(missed)).toBeLessThan(ready);
      expect(back.frames[ready].data).toMatchObject({ resumed: true });
      const seqs = back.frames.filter((frame) => frame.seq).map((frame) => frame.seq!);
      expect(new Set(seqs).size).toBe(seqs.length);
    });
  });
});
