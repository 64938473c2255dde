import { bearer, eventually } from '@omnibox/testing';
import { incomingText, postProviderEvent } from '../support/fake-provider';
import { InboxWorld, startInboxWorld } from './inbox-world';

/**
 * The sidebar (open counts, dots) and custom views, over the real gateway with users of every role and
 * restriction (see inbox-world.ts).
 */
describe('inbox sidebar: counts, dots and custom views (INB-3, INB-5, INB-6, INB-8)', () => {
  let world: InboxWorld;
  let platform: InboxWorld['platform'];
  let api: InboxWorld['api'];
  let users: InboxWorld['users'];
  let sales: InboxWorld['sales'];
  let support: InboxWorld['support'];
  let whatsapp: InboxWorld['whatsapp'];
  let tokenOf: InboxWorld['tokenOf'];
  let get: InboxWorld['get'];
  let post: InboxWorld['post'];
  let list: InboxWorld['list'];
  let ids: InboxWorld['ids'];
  let sidebar: InboxWorld['sidebar'];
  let standard: InboxWorld['standard'];
  let team: InboxWorld['team'];
  let inbound: InboxWorld['inbound'];
  let assign: InboxWorld['assign'];
  const as = bearer;

  beforeAll(async () => {
    world = await startInboxWorld();
    ({ platform, api, users, sales, support, whatsapp, tokenOf, get, post, list, ids, sidebar, standard, team, inbound, assign } = world);
  }, 120000);

  afterAll(async () => {
    await world?.stop();
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
});
