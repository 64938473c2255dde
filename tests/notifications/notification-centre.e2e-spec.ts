import { eventually, uniqueName } from '@omnibox/testing';
import { NotificationsWorld, startNotificationsWorld } from './notifications-world';

/**
 * The notification centre end to end (NTF-1, NTF-3, VIS-4): conversation events decided into
 * notifications by the notifications service, read over the gateway.
 */
describe('the notification centre (NTF-1, NTF-3)', () => {
  let world: NotificationsWorld;
  let users: NotificationsWorld['users'];
  const kindsOf = async (name: string, contactId: string) => (await world.centre(name)).items.filter((item) => item.contactId === contactId).map((item) => item.kind);

  beforeAll(async () => {
    world = await startNotificationsWorld();
    users = world.users;
  }, 120000);

  afterAll(async () => {
    await world?.stop();
  });

  it('SRC-2: a mention notifies the mentioned user and not the author', async () => {
    const thread = await world.inbound(uniqueName('m'), 'Can someone check my order?');
    const comment = await world.post('ana', `/v1/conversations/${thread}/comments`, { text: `{{@user.${users.dee.id}}} and {{@user.${users.ana.id}}}: please look` });
    expect(comment.status).toBe(201);
    const mentioned = await world.waitFor('dee', (n) => n.kind === 'mentioned' && n.contactId === thread, 'mentioned');
    expect(mentioned).toMatchObject({ title: 'Ana mentioned you', actorId: users.ana.id, count: 1, read: false });
    expect(mentioned.body).toContain('@Dee and @Ana: please look');
    await world.settled();
    expect(await kindsOf('ana', thread)).toEqual([]);
  });

  it('CNV-4: assigning to a user notifies them and not the one who assigned', async () => {
    const thread = await world.inbound(uniqueName('a'), 'Hello, I need help');
    await world.assign(thread, { mode: 'user', userId: users.ana.id }, 'mia');
    const assigned = await world.waitFor('ana', (n) => n.kind === 'assigned' && n.contactId === thread, 'assigned');
    expect(assigned).toMatchObject({ title: 'Assigned to you', actorId: users.mia.id });
    // Assigning to oneself notifies no one.
    await world.assign(thread, { mode: 'me' }, 'dee');
    await world.settled();
    expect(await kindsOf('mia', thread)).toEqual([]);
    expect(await kindsOf('dee', thread)).toEqual([]);
  });

  it('CNV-4: assigning to a team’s inbox notifies every member; each incoming message grows one coalesced notification per member until someone owns the thread, then stops', async () => {
    const contact = uniqueName('t');
    const thread = await world.inbound(contact, 'first question');
    await world.assign(thread, { mode: 'team', teamId: world.sales });
    for (const name of ['ana', 'ben']) await world.waitFor(name, (n) => n.kind === 'team_assigned' && n.contactId === thread, 'team_assigned');
    for (const text of ['are you there?', 'hello?', 'third try']) await world.send(contact, text);
    for (const name of ['ana', 'ben']) {
      const grown = await world.waitFor(name, (n) => n.kind === 'team_message' && n.contactId === thread && n.count === 3, 'team_message grown to 3');
      expect(grown).toMatchObject({ title: 'Customer · Sales', body: 'third try', read: false });
    }
    const ana = (await world.centre('ana')).items.filter((n) => n.contactId === thread && n.kind === 'team_message');
    expect(ana).toHaveLength(1);
    // Someone owns it: the notification stays unread, and further messages no longer grow it nor make new ones.
    await world.assign(thread, { mode: 'team_member', teamId: world.sales, userId: users.ben.id }, 'ben');
    await world.inbound(contact, 'after the owner came');
    await world.settled();
    const after = (await world.centre('ana')).items.filter((n) => n.contactId === thread && n.kind === 'team_message');
    expect(after).toEqual([expect.objectContaining({ id: ana[0].id, count: 3, body: 'third try', read: false })]);
    // Dee (Support) and the self agent cid (who cannot see an unassigned team thread) were never told.
    expect(await kindsOf('dee', thread)).toEqual([]);
    expect(await kindsOf('cid', thread)).toEqual([]);
  });

  it('CNV-8 / NTF-3: a blocked contact’s message notifies nobody', async () => {
    const contact = uniqueName('b');
    const thread = await world.inbound(contact, 'before the block');
    await world.assign(thread, { mode: 'team', teamId: world.sales });
    await world.waitFor('ana', (n) => n.kind === 'team_assigned' && n.contactId === thread, 'team_assigned');
    expect((await world.post('olivia', `/v1/contacts/${thread}/block`)).status).toBe(200);
    await eventually(async () => (await world.get('olivia', `/v1/conversations/${thread}`)).body.contact?.blocked === true, 'the thread to know the block');
    await world.send(contact, 'spam while blocked');
    await world.caughtUp('conversations-ingress');
    await world.settled();
    for (const name of ['ana', 'ben', 'olivia']) expect((await kindsOf(name, thread)).filter((kind) => kind !== 'team_assigned')).toEqual([]);
  });

  it('VIS-4: a self agent is never notified about a thread they cannot see, and loses one about a thread taken from them', async () => {
    const contact = uniqueName('s');
    const thread = await world.inbound(contact, 'for the self agent');
    await world.assign(thread, { mode: 'team', teamId: world.sales });
    await world.waitFor('ana', (n) => n.kind === 'team_assigned' && n.contactId === thread, 'team_assigned to ana');
    expect(await kindsOf('cid', thread)).toEqual([]);
    await world.assign(thread, { mode: 'team_member', teamId: world.sales, userId: users.cid.id });
    await world.waitFor('cid', (n) => n.kind === 'assigned' && n.contactId === thread, 'assigned to cid');
    // Taken away: the centre no longer shows it, nor counts it.
    const before = (await world.centre('cid')).unreadCount;
    await world.assign(thread, { mode: 'user', userId: users.ana.id });
    await world.waitFor('ana', (n) => n.kind === 'assigned' && n.contactId === thread, 'assigned to ana');
    await world.settled();
    const centre = await world.centre('cid');
    expect(centre.items.filter((n) => n.contactId === thread)).toEqual([]);
    expect(centre.unreadCount).toBe(before - 1);
    const inbox = await world.get('cid', '/v1/inbox');
    expect(inbox.body.notifications).toEqual({ unreadCount: centre.unreadCount });
  });

  it('NTF-1: read, unread and read-all, with the unread count in the centre and on GET /v1/inbox', async () => {
    const threads = [await world.inbound(uniqueName('r'), 'one'), await world.inbound(uniqueName('r'), 'two')];
    for (const thread of threads) await world.assign(thread, { mode: 'user', userId: users.dee.id });
    const [first] = await Promise.all(threads.map((thread) => world.waitFor('dee', (n) => n.kind === 'assigned' && n.contactId === thread, 'assigned')));
    const unread = (await world.centre('dee')).unreadCount;
    expect(unread).toBeGreaterThanOrEqual(2);
    // The sidebar's count is read before and right after each change: a replica's kept count never lags a change.
    const sidebarCount = async () => (await world.get('dee', '/v1/inbox')).body.notifications.unreadCount;
    expect(await sidebarCount()).toBe(unread);
    const read = await world.post('dee', `/v1/notifications/${first.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: first.id, read: true });
    expect((await world.centre('dee')).unreadCount).toBe(unread - 1);
    expect(await sidebarCount()).toBe(unread - 1);
    expect((await world.centre('dee', { unread: 'true' })).items.map((n) => n.id)).not.toContain(first.id);
    const again = await world.post('dee', `/v1/notifications/${first.id}/unread`);
    expect(again.body).toMatchObject({ id: first.id, read: false });
    expect((await world.get('dee', '/v1/inbox')).body.notifications).toEqual({ unreadCount: unread });
    // Someone else's notification is not there for them.
    expect((await world.post('ana', `/v1/notifications/${first.id}/read`)).status).toBe(404);
    const all = await world.post('dee', '/v1/notifications/read-all');
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ unreadCount: 0 });
    expect(await sidebarCount()).toBe(0);
    const centre = await world.centre('dee');
    expect(centre.unreadCount).toBe(0);
    expect(centre.items.every((n) => n.read)).toBe(true);
  });

  it('NTF-1: opening (reading) a thread marks its notifications read', async () => {
    const contact = uniqueName('o');
    const thread = await world.inbound(contact, 'read me');
    await world.assign(thread, { mode: 'user', userId: users.ana.id });
    const assigned = await world.waitFor('ana', (n) => n.kind === 'assigned' && n.contactId === thread, 'assigned');
    expect((await world.post('ana', `/v1/conversations/${thread}/read`)).status).toBe(200);
    await world.waitFor('ana', (n) => n.id === assigned.id && n.read, 'read with its thread');
  });

  it('NTF-1: newest first, in pages with a cursor', async () => {
    const first = await world.centre('ana', { limit: '2' });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await world.centre('ana', { limit: '2', cursor: first.nextCursor! });
    expect(second.items.map((n) => n.id)).not.toEqual(expect.arrayContaining(first.items.map((n) => n.id)));
    const times = [...first.items, ...second.items].map((n) => n.updatedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await world.get('ana', '/v1/notifications').query({ cursor: 'bm9wZQ' })).status).toBe(400);
  });
});
