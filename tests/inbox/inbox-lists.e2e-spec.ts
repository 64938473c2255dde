import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bearer, eventually } from '@omnibox/testing';
import Redis from 'ioredis';
import { incomingText, postProviderEvent } from '../support/fake-provider';
import { InboxWorld, startInboxWorld } from './inbox-world';

/**
 * Which views a caller may open, what their lists hold and how the lists' read model is rebuilt, over
 * the real gateway with users of every role and restriction (see inbox-world.ts).
 */
describe('inbox views, lists and their read model (INB-1…4, FLT-1…6, VIS-2/3)', () => {
  let world: InboxWorld;
  const as = bearer;
  let platform: InboxWorld['platform'];
  let api: InboxWorld['api'];
  let workspaceId: InboxWorld['workspaceId'];
  let tokenOf: InboxWorld['tokenOf'];
  let users: InboxWorld['users'];
  let sales: InboxWorld['sales'];
  let support: InboxWorld['support'];
  let whatsapp: InboxWorld['whatsapp'];
  let get: InboxWorld['get'];
  let post: InboxWorld['post'];
  let list: InboxWorld['list'];
  let ids: InboxWorld['ids'];
  let sidebar: InboxWorld['sidebar'];
  let inbound: InboxWorld['inbound'];
  let assign: InboxWorld['assign'];
  let until: InboxWorld['until'];

  beforeAll(async () => {
    world = await startInboxWorld();
    ({ platform, api, workspaceId, tokenOf, users, sales, support, whatsapp, get, post, list, ids, sidebar, inbound, assign, until } = world);
  }, 120000);

  afterAll(async () => {
    await world?.stop();
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

    it('INB-2: a team view paged one thread at a time, across the series of the team and each member, lists its threads once each, in the order of one full page', async () => {
      // Ana's series gets more threads than a page of one reads, so the pages end inside it (the horizon).
      const anas: string[] = [];
      for (let i = 0; i < 3; i++) {
        const thread = await inbound(`paged-ana-${i}`, `paged ${i}`);
        await assign(thread, { mode: 'user', userId: users.ana.id });
        anas.push(thread);
      }
      for (const thread of anas) await until('olivia', `team:${sales}`, thread, true);
      const full = ids(await list('olivia', `team:${sales}`, { limit: '200' }));
      expect(full).toEqual(expect.arrayContaining([salesThread, mineOfCid, collab, ...anas]));
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await get('olivia', `/v1/inbox/team:${sales}/conversations`).query({ limit: '1', ...(cursor ? { cursor } : {}) });
        expect(res.status).toBe(200);
        paged.push(...ids(res.body.items));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(paged).toEqual(full);
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

    it('VIS-4: the blocked view counts and lists only the blocked threads the caller may see; a restricted agent who sees none is not offered it (403)', async () => {
      const blocked = await inbound('blocked-two', 'block me too');
      await assign(blocked, { mode: 'user', userId: users.ana.id });
      expect((await post('olivia', `/v1/contacts/${blocked}/block`)).status).toBe(200);
      await until('olivia', 'blocked', blocked, true);
      // Positive control: ben (team Sales) may see ana's thread, so the view is offered and lists it.
      await eventually(async () => (await sidebar('ben')).blocked?.count >= 1, 'the blocked view offered to ben');
      expect(ids(await list('ben', 'blocked'))).toContain(blocked);
      // eve (team Support) and cid (self) may not see it: no count, no view, 403 on the list.
      expect((await sidebar('eve')).blocked).toBeNull();
      expect((await sidebar('cid')).blocked).toBeNull();
      expect((await get('eve', '/v1/inbox/blocked/conversations')).status).toBe(403);
      expect((await get('cid', '/v1/inbox/blocked/conversations')).status).toBe(403);
      expect((await post('olivia', `/v1/contacts/${blocked}/unblock`)).status).toBe(200);
      await until('olivia', 'blocked', blocked, false);
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
      // Redis loses the rows and series (their keys are documented in services/conversations/src/inbox/README.md).
      const redis = new Redis(platform.env.REDIS_URL);
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `conversations:inbox:idx:${workspaceId}/*`, 'COUNT', 1000);
          if (keys.length) await redis.del(...keys);
          cursor = next;
        } while (cursor !== '0');
        await redis.del(...before.map((contactId) => `conversations:inbox:row:${contactId}`));
      } finally {
        redis.disconnect();
      }
      expect(await list('olivia', 'all', { limit: '200' })).toEqual([]);
      // The operator's command, with the conversations service's own environment.
      const rebuilt = await promisify(execFile)('npm', ['run', '--silent', 'inbox:rebuild', '--', workspaceId], {
        cwd: join(__dirname, '..', '..'),
        env: { PATH: process.env.PATH ?? '', ...platform.env, MONGODB_DATABASE: `${platform.env.MONGODB_DATABASE_PREFIX}_conversations` },
      });
      expect(rebuilt.stdout).toMatch(/rebuilt the inbox rows of \d+ threads/);
      expect(ids(await list('olivia', 'all', { limit: '200' }))).toEqual(before);
      // The contact attributes of advanced filters are durable: the rebuilt row has them again.
      expect(ids(await list('olivia', taggedView))).toEqual([tagged]);
    });
  });
});
