import { EventEnvelope } from '@omnibox/contracts';
import { EventBus, EventConsumer, RedisDocumentLock } from '@omnibox/messaging';
import { connectNats, createLogger, NatsHandle } from '@omnibox/platform';
import { bearer, eventually, sharedEngineUrls, uniqueName } from '@omnibox/testing';
import Redis from 'ioredis';
import { Db, MongoClient } from 'mongodb';
import request from 'supertest';
import { FakeProvider, incomingText, postProviderEvent, sign } from '../support/fake-provider';
import { RunningPlatform, startPlatform } from '../support/platform';
import { consumerCaughtUp } from '../support/settled';

type Channel = { id: string; secret: string; type: string };

describe('conversations over the real gateway (CNV-1…10, MSG-1…11, SRC-1…3, VIS-3)', () => {
  let platform: RunningPlatform;
  let api: ReturnType<typeof request>;
  let provider: FakeProvider;
  let nats: NatsHandle;
  let bus: EventBus;
  let consumer: EventConsumer;
  const events: EventEnvelope[] = [];
  const tag = uniqueName('cv');
  const email = (who: string) => `${who}.${tag}@example.com`;
  const as = bearer;
  let owner: string;
  let ownerId: string;
  const users: Record<string, { id: string; token: string }> = {};
  let sales: string;
  let support: string;
  let whatsapp: Channel;
  let telegram: Channel;
  let mail: Channel;

  async function addUser(name: string, role: 'agent' | 'manager', restriction: 'none' | 'team' | 'self' = 'none') {
    const created = await api.post('/v1/users').set(as(owner)).send({ firstName: name, lastName: 'Agent', email: email(name), password: 'agent-password-1', role, ...(role === 'agent' ? { restriction } : {}) });
    expect(created.status).toBe(201);
    users[name] = { id: created.body.id, token: '' };
  }
  async function login(name: string) {
    users[name].token = (await api.post('/v1/auth/login').send({ email: email(name), password: 'agent-password-1' })).body.token;
  }
  async function channel(type: string, config: Record<string, unknown> = {}): Promise<Channel> {
    const res = await api.post('/v1/channels').set(as(owner)).send({ type, name: `${type} line`, config: { outboundUrl: `${provider.url}/send`, ...config } });
    expect(res.status).toBe(201);
    return res.body;
  }
  /** A contact writes in; answers the contact id once the message is on the timeline. */
  async function inbound(ch: Channel, externalId: string, text: string, extra: Record<string, unknown> = {}): Promise<string> {
    const event = incomingText(externalId, text, extra);
    expect(await postProviderEvent(platform.gatewayUrl, ch, event)).toBe(202);
    return eventually(async () => {
      const found = await api.get('/v1/contacts').query({ channelId: ch.id, externalId }).set(as(owner));
      const contactId = found.body.items?.[0]?.id as string | undefined;
      if (!contactId) return null;
      const timeline = await api.get(`/v1/conversations/${contactId}/timeline`).set(as(owner));
      if (!timeline.body.items?.some((item: { kind: string; text?: string }) => item.kind === 'message' && item.text === text)) return null;
      // The thread (unread count, last message) follows the timeline entry by a moment.
      return (await conversation(contactId)).lastMessage?.preview === text ? contactId : null;
    }, `message "${text}" on the timeline`);
  }
  const conversation = async (contactId: string, token = owner) => (await api.get(`/v1/conversations/${contactId}`).set(as(token))).body;
  const timeline = async (contactId: string, token = owner) => (await api.get(`/v1/conversations/${contactId}/timeline`).set(as(token))).body.items as Array<Record<string, any>>;
  const send = (contactId: string, body: Record<string, unknown>, token = owner) => api.post(`/v1/conversations/${contactId}/messages`).set(as(token)).send(body);
  /** The conversations service's database, read and written directly: what the API never shows, or another replica's write. */
  let mongo: MongoClient;
  const conversationsDb = (): Db => mongo.db(`${platform.env.MONGODB_DATABASE_PREFIX}_conversations`);

  beforeAll(async () => {
    provider = await new FakeProvider().start();
    platform = await startPlatform(
      { NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL, ELASTICSEARCH_URL: sharedEngineUrls.ELASTICSEARCH_URL },
      // Every service, as in production: search, inbox and the others consume these events alongside.
      ['contacts', 'conversations', 'search', 'calls', 'notifications', 'gateway'],
      undefined,
      { LINK_PREVIEW_ALLOW_HOSTS: '127.0.0.1', DELIVERY_BACKOFF_MS: '50', DELIVERY_MAX_ATTEMPTS: '3', SNOOZE_POLL_MS: '100' },
    );
    api = request(platform.gatewayUrl);
    mongo = await MongoClient.connect(sharedEngineUrls.MONGODB_URL);
    const workspace = await api.post('/v1/workspaces').send({ name: 'Conversations Co', owner: { firstName: 'Olivia', lastName: 'Owner', email: email('olivia'), password: 'owner-password-1' } });
    owner = workspace.body.token;
    ownerId = workspace.body.user.id;
    for (const name of ['ana', 'ben', 'cid', 'dee']) await addUser(name, 'agent');
    await addUser('sam', 'agent', 'self');
    sales = (await api.post('/v1/teams').set(as(owner)).send({ name: 'Sales', memberIds: [users.ana.id, users.ben.id, users.cid.id] })).body.id;
    support = (await api.post('/v1/teams').set(as(owner)).send({ name: 'Support', memberIds: [users.dee.id] })).body.id;
    for (const name of Object.keys(users)) await login(name);
    whatsapp = await channel('whatsapp');
    telegram = await channel('telegram');
    mail = await channel('email');

    nats = await connectNats(sharedEngineUrls.NATS_URL, 'conversations-events-test');
    bus = new EventBus(nats.connection, { stream: platform.env.EVENT_STREAM, subjectPrefix: platform.env.EVENT_SUBJECT_PREFIX });
    await bus.ensureStreams();
    consumer = new EventConsumer(bus, { durable: uniqueName('cvt'), filter: '*.conversations.>', handle: async (event) => void events.push(event) }, createLogger('t', 'silent'));
    await consumer.start();
  });

  afterAll(async () => {
    await mongo?.close();
    await consumer?.stop();
    await nats?.close();
    await platform?.stop();
    await provider?.stop();
  });

  describe('channels and ingress', () => {
    it('channels: owners create them and get the secret once; agents get 403; GET lists them without secrets', async () => {
      const denied = await api.post('/v1/channels').set(as(users.ana.token)).send({ type: 'sms', name: 'SMS' });
      expect(denied.status).toBe(403);
      const bad = await api.post('/v1/channels').set(as(owner)).send({ type: 'pigeon', name: 'x' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^type/);
      const list = await api.get('/v1/channels').set(as(users.ana.token));
      expect(list.status).toBe(200);
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([whatsapp.id, telegram.id, mail.id]));
      expect(JSON.stringify(list.body)).not.toContain(whatsapp.secret);
      expect(list.body.items.find((c: { id: string }) => c.id === whatsapp.id).config).toMatchObject({ messagingWindowHours: 24, supportsReplyContext: true });
    });

    it('ingress: a bad or missing signature is 401 and changes nothing; a malformed event is 400 naming the field', async () => {
      const event = incomingText('sig-test', 'should never arrive');
      const raw = JSON.stringify(event);
      const forged = await fetch(`${platform.gatewayUrl}/v1/channels/${whatsapp.id}/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-channel-signature': sign('wrong-secret', raw) }, body: raw });
      expect(forged.status).toBe(401);
      const missing = await fetch(`${platform.gatewayUrl}/v1/channels/${whatsapp.id}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw });
      expect(missing.status).toBe(401);
      const malformed = { ...event, contact: {} };
      const raw2 = JSON.stringify(malformed);
      const res = await fetch(`${platform.gatewayUrl}/v1/channels/${whatsapp.id}/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-channel-signature': sign(whatsapp.secret, raw2) }, body: raw2 });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { details: { field: string } } }).error.details.field).toBe('contact.externalId');
      // One identity's events are handled in order: once a signed one sent after the refusals is in,
      // anything of theirs that had got through would be in too.
      const contactId = await inbound(whatsapp, 'sig-test', 'signed, sent after the refusals');
      expect((await timeline(contactId)).filter((item) => item.kind === 'message').map((item) => item.text)).toEqual(['signed, sent after the refusals']);
    });

    it('CNV-1: a first message creates the contact unassigned and opens its conversation (event: opened by contact, with referral)', async () => {
      const contactId = await inbound(whatsapp, 'cnv1', 'Hello, I need help', { contact: { firstName: 'Rita', phone: '+6281200000001' }, referral: { code: 'AD-42', url: 'https://ads.example/42' } });
      const conv = await conversation(contactId);
      expect(conv).toMatchObject({ contactId, contact: { firstName: 'Rita' }, status: 'open', assigneeId: null, teamId: null, lastMessage: { direction: 'incoming', preview: 'Hello, I need help' } });
      const items = await timeline(contactId);
      expect(items[0]).toMatchObject({ kind: 'message', direction: 'incoming', type: 'text', status: 'received', sender: { category: 'contact' }, channelId: whatsapp.id });
      expect(items.find((i) => i.kind === 'event' && i.type === 'opened')).toMatchObject({ category: 'open', source: 'contact', referral: { code: 'AD-42', url: 'https://ads.example/42' } });
    });

    it('ingress is idempotent: the same provider message twice is one message', async () => {
      const event = incomingText('dup', 'only once please');
      expect(await postProviderEvent(platform.gatewayUrl, whatsapp, event)).toBe(202);
      expect(await postProviderEvent(platform.gatewayUrl, whatsapp, event)).toBe(202);
      const contactId = await inbound(whatsapp, 'dup', 'and then another');
      const items = await timeline(contactId);
      expect(items.filter((i) => i.kind === 'message' && i.text === 'only once please')).toHaveLength(1);
      expect((await conversation(contactId)).unreadCount).toBe(2);
    });

    it('MSG-7: an unsupported message keeps its raw payload and shows a fallback text', async () => {
      const contactId = await inbound(whatsapp, 'msg7', 'before');
      const event = { ...incomingText('msg7', ''), message: { type: 'unsupported', payload: { sticker: { id: 'st-1', animated: true } } } };
      expect(await postProviderEvent(platform.gatewayUrl, whatsapp, event)).toBe(202);
      const item = await eventually(async () => (await timeline(contactId)).find((i) => i.type === 'unsupported'), 'unsupported message');
      expect(item).toMatchObject({ text: expect.stringMatching(/unsupported/i), payload: { sticker: { id: 'st-1', animated: true } } });
    });
    it('MSG-7: a raw payload is kept as sent, even JSON the database refuses as a document (a dotted key, a leading $, a list in a list)', async () => {
      const contactId = await inbound(whatsapp, 'msg7raw', 'before');
      const payload = { 'order.id': 'A-1', $type: 'poll', options: [['yes', 'no'], []], nested: { 'a.b': { $c: [[null]] } } };
      const event = { ...incomingText('msg7raw', ''), message: { type: 'unsupported', payload } };
      expect(await postProviderEvent(platform.gatewayUrl, whatsapp, event)).toBe(202);
      const item = await eventually(async () => (await timeline(contactId)).find((i) => i.type === 'unsupported'), 'unsupported message');
      expect(item.payload).toEqual(payload);
      // The thread counted it too: the change announcing it (with the payload) was written and published.
      await eventually(async () => (await conversation(contactId)).unreadCount === 2 || null, 'the thread counting both messages');
      const created = await eventually(() => events.find((e) => e.type === 'conversations.message.created' && (e.data as { message: { id: string } }).message.id === item.id), 'message.created');
      expect(created.data).toMatchObject({ message: { payload } });
    });
  });

  describe('assignment and lifecycle', () => {
    it('CNV-2: an agent\'s reply to an unassigned thread assigns them (event)', async () => {
      const contactId = await inbound(whatsapp, 'cnv2', 'anyone there?');
      const res = await send(contactId, { type: 'text', text: 'Hi, Ana here' }, users.ana.token);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ kind: 'message', direction: 'outgoing', status: 'pending', sender: { category: 'user', userId: users.ana.id, name: 'ana Agent' }, channelId: whatsapp.id });
      expect((await conversation(contactId)).assigneeId).toBe(users.ana.id);
      const assigned = (await timeline(contactId)).find((i) => i.kind === 'event' && i.type === 'assigned');
      expect(assigned).toMatchObject({ category: 'assignment', source: 'user', actorId: users.ana.id, data: { mode: 'first_reply' } });
    });

    it('CNV-2: in a team-assigned thread with no assignee, the first team member who replies owns it; a non-member does not', async () => {
      const contactId = await inbound(whatsapp, 'cnv2t', 'team question');
      await api.post(`/v1/conversations/${contactId}/assignee`).set(as(owner)).send({ mode: 'team', teamId: sales }).expect(200);
      await send(contactId, { type: 'text', text: 'Dee from support' }, users.dee.token).expect(201);
      expect((await conversation(contactId)).assigneeId).toBeNull();
      await send(contactId, { type: 'text', text: 'Ben from sales' }, users.ben.token).expect(201);
      expect(await conversation(contactId)).toMatchObject({ assigneeId: users.ben.id, teamId: sales });
    });

    it('CNV-3: the assignee stays after the conversation is closed', async () => {
      const contactId = await inbound(whatsapp, 'cnv3', 'thanks, bye');
      await api.post(`/v1/conversations/${contactId}/assignee`).set(as(owner)).send({ mode: 'user', userId: users.cid.id }).expect(200);
      const closed = await api.post(`/v1/conversations/${contactId}/status`).set(as(owner)).send({ status: 'closed', category: 'resolved', summary: 'Answered' });
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ status: 'closed', assigneeId: users.cid.id });
    });

    it('CNV-4: every assignment mode writes an event and sets assignee and team as the rule says', async () => {
      const contactId = await inbound(whatsapp, 'cnv4', 'assign me around');
      const assign = (body: Record<string, unknown>, token = owner) => api.post(`/v1/conversations/${contactId}/assignee`).set(as(token)).send(body);
      expect((await assign({ mode: 'team', teamId: sales })).body).toMatchObject({ assigneeId: null, teamId: sales });
      expect((await assign({ mode: 'team_member', teamId: sales, userId: users.ana.id })).body).toMatchObject({ assigneeId: users.ana.id, teamId: sales });
      // To a user outside the team: the team is cleared; to a member: it is kept.
      expect((await assign({ mode: 'user', userId: users.ben.id })).body).toMatchObject({ assigneeId: users.ben.id, teamId: sales });
      expect((await assign({ mode: 'user', userId: users.dee.id })).body).toMatchObject({ assigneeId: users.dee.id, teamId: null });
      expect((await assign({ mode: 'me' }, users.cid.token)).body).toMatchObject({ assigneeId: users.cid.id });
      expect((await assign({ mode: 'unassign' })).body).toMatchObject({ assigneeId: null });
      const notMember = await assign({ mode: 'team_member', teamId: support, userId: users.ana.id });
      expect(notMember.status).toBe(422);
      const missing = await assign({ mode: 'user' });
      expect(missing.status).toBe(400);
      expect(missing.body.error.details.field).toBe('userId');
      const stranger = await assign({ mode: 'user', userId: 'nobody' });
      expect(stranger.status).toBe(400);
      const items = await timeline(contactId);
      expect(items.filter((i) => i.kind === 'event' && (i.category === 'assignment' || i.category === 'unassignment')).map((i) => i.data.mode)).toEqual(['unassign', 'me', 'user', 'user', 'team_member', 'team']);
    });

    it('CNV-4: round-robin stays fair when many assignments race', async () => {
      const contacts: string[] = [];
      for (let i = 0; i < 9; i++) contacts.push(await inbound(whatsapp, `rr-${i}`, `round robin ${i}`));
      const results = await Promise.all(contacts.map((id) => api.post(`/v1/conversations/${id}/assignee`).set(as(owner)).send({ mode: 'round_robin', teamId: sales })));
      const counts: Record<string, number> = {};
      for (const res of results) {
        expect(res.status).toBe(200);
        expect(res.body.teamId).toBe(sales);
        counts[res.body.assigneeId] = (counts[res.body.assigneeId] ?? 0) + 1;
      }
      expect(Object.keys(counts).sort()).toEqual([users.ana.id, users.ben.id, users.cid.id].sort());
      expect(Object.values(counts)).toEqual([3, 3, 3]);
    });

    it('CNV-5: collaborators see and reply while the assignee stays; a self agent sees the thread only while collaborating (VIS-3)', async () => {
      const contactId = await inbound(whatsapp, 'cnv5', 'collab please');
      await api.post(`/v1/conversations/${contactId}/assignee`).set(as(owner)).send({ mode: 'user', userId: users.ana.id }).expect(200);
      expect((await api.get(`/v1/conversations/${contactId}`).set(as(users.sam.token))).status).toBe(404);
      const added = await api.post(`/v1/conversations/${contactId}/collaborators`).set(as(owner)).send({ userId: users.sam.id });
      expect(added.status).toBe(200);
      expect(added.body).toMatchObject({ assigneeId: users.ana.id, collaboratorIds: [users.sam.id] });
      expect((await api.get(`/v1/conversations/${contactId}`).set(as(users.sam.token))).status).toBe(200);
      await send(contactId, { type: 'text', text: 'Sam helping out' }, users.sam.token).expect(201);
      expect((await conversation(contactId)).assigneeId).toBe(users.ana.id);
      // The contact follows the thread's visibility too.
      await eventually(async () => (await api.get(`/v1/contacts/${contactId}`).set(as(users.sam.token))).status === 200, 'contact visible to the collaborator');
      const removed = await api.delete(`/v1/conversations/${contactId}/collaborators/${users.sam.id}`).set(as(owner));
      expect(removed.status).toBe(200);
      expect((await api.get(`/v1/conversations/${contactId}`).set(as(users.sam.token))).status).toBe(404);
    });

    it('CNV-6: close and open with category and summary, each an event with its source', async () => {
      const contactId = await inbound(whatsapp, 'cnv6', 'close me');
      await api.post(`/v1/conversations/${contactId}/status`).set(as(users.ana.token)).send({ status: 'closed', category: 'sale', summary: 'Bought the pro plan' }).expect(200);
      const reopened = await api.post(`/v1/conversations/${contactId}/status`).set(as(owner)).send({ status: 'open' });
      expect(reopened.body.status).toBe('open');
      const items = await timeline(contactId);
      expect(items.find((i) => i.type === 'closed')).toMatchObject({ category: 'close', source: 'user', actorId: users.ana.id, data: { category: 'sale', summary: 'Bought the pro plan' } });
      expect(items[0]).toMatchObject({ kind: 'event', type: 'opened', source: 'user', actorId: ownerId });
      expect((await api.post(`/v1/conversations/${contactId}/status`).set(as(owner)).send({ status: 'pending' })).status).toBe(400);
    });

    it('CNV-7: a snoozed thread wakes at its time, back to its previous status, with an event and a reminder', async () => {
      const contactId = await inbound(whatsapp, 'cnv7', 'remind me later');
      await api.post(`/v1/conversations/${contactId}/assignee`).set(as(owner)).send({ mode: 'user', userId: users.ana.id }).expect(200);
      const until = new Date(Date.now() + 1500).toISOString();
      const snoozed = await api.post(`/v1/conversations/${contactId}/snooze`).set(as(users.ana.token)).send({ until });
      expect(snoozed.status).toBe(200);
      expect(snoozed.body).toMatchObject({ status: 'snoozed', previousStatus: 'open', snoozedUntil: until });
      const woke = await eventually(async () => ((await conversation(contactId)).status === 'open' ? Date.now() : null), 'the thread to wake', 8000, 50);
      expect(woke).toBeGreaterThanOrEqual(Date.parse(until));
      expect(woke - Date.parse(until)).toBeLessThan(2000);
      expect((await timeline(contactId)).find((i) => i.type === 'unsnoozed')).toMatchObject({ category: 'snooze', source: 'system', data: { reason: 'time_reached' } });
      const reminder = await eventually(() => events.find((e) => e.type === 'conversations.thread.woke' && e.aggregateId === contactId), 'thread.woke');
      expect(reminder.data).toMatchObject({ thread: { assigneeId: users.ana.id, status: 'open' }, early: false });
    });

    it('CNV-7: unsnooze early, an incoming message wakes it, a past time is 400', async () => {
      const contactId = await inbound(whatsapp, 'cnv7b', 'snooze twice');
      const later = new Date(Date.now() + 3600_000).toISOString();
      await api.post(`/v1/conversations/${contactId}/snooze`).set(as(owner)).send({ until: later }).expect(200);
      const early = await api.post(`/v1/conversations/${contactId}/unsnooze`).set(as(owner));
      expect(early.body).toMatchObject({ status: 'open', snoozedUntil: null });
      expect((await api.post(`/v1/conversations/${contactId}/unsnooze`).set(as(owner))).status).toBe(422);
      await api.post(`/v1/conversations/${contactId}/snooze`).set(as(owner)).send({ until: later }).expect(200);
      await inbound(whatsapp, 'cnv7b', 'I am back');
      expect((await conversation(contactId)).status).toBe('open');
      const past = await api.post(`/v1/conversations/${contactId}/snooze`).set(as(owner)).send({ until: '2020-01-01T00:00:00Z' });
      expect(past.status).toBe(400);
      expect(past.body.error.details.field).toBe('until');
    });

    it('CNV-8: a blocked contact cannot be snoozed or messaged (422); its messages are kept for audit only; unblocking leaves it closed, and the next message counts', async () => {
      const contactId = await inbound(whatsapp, 'cnv8', 'before the block');
      await api.post(`/v1/contacts/${contactId}/block`).set(as(owner)).expect(200);
      const snooze = await api.post(`/v1/conversations/${contactId}/snooze`).set(as(owner)).send({ until: new Date(Date.now() + 60_000).toISOString() });
      expect(snooze.status).toBe(422);
      expect(snooze.body.error.code).toBe('contact_blocked');
      const sent = await send(contactId, { type: 'text', text: 'you there?' });
      expect(sent.status).toBe(422);
      expect(sent.body.error.code).toBe('contact_blocked');
      await eventually(async () => (await conversation(contactId)).status === 'closed', 'blocking closes the thread');
      const before = await conversation(contactId);
      expect(await postProviderEvent(platform.gatewayUrl, whatsapp, incomingText('cnv8', 'spam spam spam'))).toBe(202);
      // Kept for audit: stored, hidden from every timeline.
      const audit = await eventually(() => conversationsDb().collection('timeline').findOne({ contactId, kind: 'message', 'item.text': 'spam spam spam' }), 'the blocked message stored for audit');
      expect(audit.visible).toBe(false);
      await api.post(`/v1/contacts/${contactId}/unblock`).set(as(owner)).expect(200);
      await eventually(async () => (await conversation(contactId)).contact.blocked === false, 'unblock reaches the thread');
      expect((await conversation(contactId)).status).toBe('closed');
      // One contact's messages are handled in order: once this one is in, the blocked one was handled.
      await inbound(whatsapp, 'cnv8', 'back after the unblock');
      expect((await timeline(contactId)).filter((item) => item.kind === 'message').map((item) => item.text).sort()).toEqual(['back after the unblock', 'before the block']);
      expect((await conversation(contactId)).unreadCount).toBe(before.unreadCount + 1);
    });

    it('CNV-8 across replicas: a contact another replica unblocked gets its next message into the inbox, though this one saw the block', async () => {
      const contactId = await inbound(whatsapp, 'cnv8-replicas', 'before the block');
      await api.post(`/v1/contacts/${contactId}/block`).set(as(owner)).expect(200);
      await eventually(async () => (await conversation(contactId)).contact.blocked === true, 'the block reaches the thread');
      // Another conversations replica applies the unblock: the thread changes under a version this
      // replica never wrote (as that replica's versioned write does), under the thread's document lock
      // as every replica writes (FerretDB rewrites a document whole, so an unlocked write could be
      // undone by this replica's clean-up of the block's outbox).
      const redis = new Redis(sharedEngineUrls.REDIS_URL);
      try {
        const db = conversationsDb();
        const lock = new RedisDocumentLock(redis, db.databaseName);
        const unblocked = await lock.run(`threads|${contactId}`, () =>
          db.collection<{ _id: string }>('threads').updateOne({ _id: contactId, 'contact.blocked': true }, { $set: { 'contact.blocked': false }, $inc: { version: 1 } }),
        );
        expect(unblocked.modifiedCount).toBe(1);
      } finally {
        redis.disconnect();
      }
      await inbound(whatsapp, 'cnv8-replicas', 'after the unblock');
      expect((await timeline(contactId)).filter((item) => item.kind === 'message').map((item) => item.text).sort()).toEqual(['after the unblock', 'before the block']);
    });
  });

  describe('messages', () => {
    it('MSG-2: provider status events move the message forward; a refused send ends failed with the provider\'s error text', async () => {
      const contactId = await inbound(whatsapp, 'msg2', 'status please');
      const sent = await send(contactId, { type: 'text', text: 'tracking this one' });
      const id = sent.body.id;
      await eventually(async () => (await api.get(`/v1/messages/${id}`).set(as(owner))).body.status === 'sent', 'sent');
      const providerCall = provider.sends().find((call) => call.body.messageId === id)!;
      expect(providerCall.body).toMatchObject({ channelId: whatsapp.id, contact: { id: contactId, externalId: 'msg2' }, message: { type: 'text', text: 'tracking this one' } });
      const providerId = (providerCall.answer!.body as { id: string }).id;
      expect(await postProviderEvent(platform.gatewayUrl, whatsapp, { type: 'status', messageId: providerId, status: 'read', timestamp: new Date().toISOString() })).toBe(202);
      await eventually(async () => (await api.get(`/v1/messages/${id}`).set(as(owner))).body.status === 'read', 'read');
      expect(await postProviderEvent(platform.gatewayUrl, whatsapp, { type: 'status', messageId: providerId, status: 'delivered', timestamp: new Date().toISOString() })).toBe(202);
      // Accepted means on the stream; once the service's ingress consumer has handled all of it, the late status was applied (or not).
      await consumerCaughtUp(bus, 'conversations-ingress');
      expect((await api.get(`/v1/messages/${id}`).set(as(owner))).body.status).toBe('read');

      provider.answer = () => ({ status: 503, body: { error: { message: 'upstream busy (code 131016)' } } });
      try {
        const failing = await send(contactId, { type: 'text', text: 'this will fail' });
        const failed = await eventually(async () => {
          const message = (await api.get(`/v1/messages/${failing.body.id}`).set(as(owner))).body;
          return message.status === 'failed' ? message : null;
        }, 'failed after retries', 15000);
        expect(failed.error).toBe('provider answered 503: upstream busy (code 131016)');
        expect(provider.sends().filter((call) => call.body.messageId === failing.body.id)).toHaveLength(3);
      } finally {
        provider.answer = (() => {
          let n = 1000;
          return () => ({ status: 200, body: { id: `prov-x${++n}` } });
        })();
      }
    });

    it('MSG-3: outside the 24 h WhatsApp window free-form messages are 422, templates go out', async () => {
      // The contact never wrote on WhatsApp (only on Telegram), so the WhatsApp window is closed.
      const contactId = await inbound(telegram, 'msg3', 'hi from telegram', { contact: { phone: '+6281200000003' } });
      const refused = await send(contactId, { type: 'text', text: 'on whatsapp', channelId: whatsapp.id });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('outside_messaging_window');
      const template = await send(contactId, { type: 'template', channelId: whatsapp.id, template: { name: 'order_update', language: 'id', parameters: ['A-1'] } });
      expect(template.status).toBe(201);
      expect(template.body).toMatchObject({ channelId: whatsapp.id, type: 'template', template: { name: 'order_update' } });
    });

    it('MSG-4: a reply quotes an earlier message; channels with reply context carry it to the provider', async () => {
      const contactId = await inbound(telegram, 'msg4', 'which plan?');
      const quoted = (await timeline(contactId)).find((i) => i.text === 'which plan?')!;
      const reply = await send(contactId, { type: 'text', text: 'The pro plan', replyToId: quoted.id });
      expect(reply.status).toBe(201);
      expect(reply.body.replyToId).toBe(quoted.id);
      const call = await eventually(() => provider.sends().find((c) => c.body.messageId === reply.body.id), 'delivery');
      expect(call.body).toMatchObject({ message: { replyToId: quoted.id } });
      const stranger = await send(contactId, { type: 'text', text: 'x', replyToId: 'ffffffffffffffffffffffff' });
      expect(stranger.status).toBe(400);
      expect(stranger.body.error.details.field).toBe('replyToId');
    });

    it('MSG-5: every message has a deep link that resolves only for users who can see its thread', async () => {
      const contactId = await inbound(whatsapp, 'msg5', 'link to me');
      const message = (await timeline(contactId)).find((i) => i.text === 'link to me')!;
      const res = await api.get(`/v1/messages/${message.id}`).set(as(owner));
      expect(res.status).toBe(200);
      expect(res.body.link).toMatch(new RegExp(`/inbox/${contactId}\\?message=${message.id}$`));
      expect((await api.get(`/v1/messages/${message.id}`).set(as(users.sam.token))).status).toBe(404);
      const other = await api.post('/v1/workspaces').send({ name: 'Other', owner: { firstName: 'X', email: email('x-owner'), password: 'owner-password-1' } });
      expect((await api.get(`/v1/messages/${message.id}`).set(as(other.body.token))).status).toBe(404);
      expect((await api.get(`/v1/conversations/${contactId}`).set(as(other.body.token))).status).toBe(404);
    });

    it('MSG-6: the first link gets a preview; the sender can remove it', async () => {
      provider.pages.set('offer', '<html><head><title>Ignored</title><meta property="og:title" content="Pro plan &amp; more"><meta property="og:description" content="All features"><meta property="og:image" content="https://cdn.example/p.png"></head></html>');
      const contactId = await inbound(whatsapp, 'msg6', 'send me the link');
      const withPreview = await send(contactId, { type: 'text', text: `See ${provider.url}/pages/offer, and https://second.example` });
      expect(withPreview.body).toMatchObject({ status: "pending" });
      expect(withPreview.body.linkPreview).toEqual({ url: `${provider.url}/pages/offer`, title: 'Pro plan & more', description: 'All features', image: 'https://cdn.example/p.png' });
      const without = await send(contactId, { type: 'text', text: `Again ${provider.url}/pages/offer`, linkPreview: false });
      expect(without.body.linkPreview).toBeNull();
      const call = await eventually(() => provider.sends().find((c) => c.body.messageId === without.body.id), 'delivery');
      expect(call.body.message).not.toHaveProperty('linkPreview');
    });

    it('MSG-8: a new e-mail needs a subject; a reply threads under the original; a changed subject starts a new e-mail thread; CC contacts get no conversation', async () => {
      const ccContact = await api.post('/v1/contacts').set(as(owner)).send({ firstName: 'Cc', email: `cc.${tag}@example.com` });
      const event = {
        ...incomingText('buyer@example.com', 'Please send the invoice'),
        contact: { externalId: 'buyer@example.com', firstName: 'Buyer', email: 'buyer@example.com' },
        message: { type: 'email', text: 'Please send the invoice', email: { subject: 'Invoice 7', html: '<p>Please send the <b>invoice</b></p>', cc: [`cc.${tag}@example.com`], messageId: '<m1@buyer.example>' } },
      };
      expect(await postProviderEvent(platform.gatewayUrl, mail, event)).toBe(202);
      const contactId = await eventually(async () => (await api.get('/v1/contacts').query({ channelId: mail.id, externalId: 'buyer@example.com' }).set(as(owner))).body.items?.[0]?.id, 'email contact');
      const original = await eventually(async () => (await timeline(contactId)).find((i) => i.type === 'email'), 'email on timeline');
      expect(original.email).toMatchObject({ subject: 'Invoice 7', html: '<p>Please send the <b>invoice</b></p>', cc: [`cc.${tag}@example.com`] });
      const noSubject = await send(contactId, { type: 'email', text: 'New topic' });
      expect(noSubject.status).toBe(422);
      expect(noSubject.body.error.code).toBe('subject_required');
      const reply = await send(contactId, { type: 'email', text: 'Attached', email: { replyToMessageId: original.id, cc: ['boss@example.com'] } });
      expect(reply.status).toBe(201);
      expect(reply.body.email).toMatchObject({ subject: 'Re: Invoice 7', inReplyTo: '<m1@buyer.example>', threadKey: original.email.threadKey, cc: ['boss@example.com'] });
      const changed = await send(contactId, { type: 'email', text: 'Other matter', email: { replyToMessageId: original.id, subject: 'Contract' } });
      expect(changed.body.email.threadKey).not.toBe(original.email.threadKey);
      expect(changed.body.email.inReplyTo).toBeUndefined();
      expect((await conversation(ccContact.body.id)).lastMessage).toBeNull();
    });

    it('MSG-10: attachments keep their original name; stored names are unique', async () => {
      const contactId = await inbound(whatsapp, 'msg10', 'send the file');
      // Files are uploaded first (POST /v1/attachments), then sent by id.
      const upload = async (bytes: string) => (await api.post('/v1/attachments').set(as(owner)).attach('file', Buffer.from(`%PDF-1.4 ${bytes}`), 'price list.pdf')).body.id as string;
      const a = await send(contactId, { type: 'attachment', attachment: { id: await upload('one') } });
      const b = await send(contactId, { type: 'attachment', attachment: { id: await upload('two') } });
      expect(a.body.attachment.fileName).toBe('price list.pdf');
      expect(b.body.attachment.fileName).toBe('price list.pdf');
      expect(a.body.attachment.storedName).not.toBe(b.body.attachment.storedName);
    });

    it('MSG-11: a reply goes out on the channel of the latest incoming message; another connected channel can be chosen; an unreachable one is 422', async () => {
      const contactId = await inbound(whatsapp, 'msg11', 'first on whatsapp', { contact: { phone: '+6281200000011' } });
      await inbound(telegram, 'msg11-tg', 'now on telegram');
      const tgContact = (await api.get('/v1/contacts').query({ channelId: telegram.id, externalId: 'msg11-tg' }).set(as(owner))).body.items[0].id;
      await api.post(`/v1/contacts/${contactId}/merge`).set(as(owner)).send({ sourceContactId: tgContact }).expect(200);
      await eventually(async () => (await timeline(contactId)).some((i) => i.type === 'contact_merged'), 'merged timeline');
      expect((await timeline(contactId)).some((i) => i.text === 'now on telegram')).toBe(true);
      const auto = await send(contactId, { type: 'text', text: 'default channel' });
      expect(auto.body.channelId).toBe(telegram.id);
      const chosen = await send(contactId, { type: 'text', text: 'on whatsapp', channelId: whatsapp.id });
      expect(chosen.body.channelId).toBe(whatsapp.id);
      const unreachable = await send(contactId, { type: 'email', text: 'mail', channelId: mail.id, email: { subject: 'Hi' } });
      expect(unreachable.status).toBe(422);
      expect(unreachable.body.error.code).toBe('channel_not_connected');
      const unknown = await send(contactId, { type: 'text', text: 'x', channelId: 'nope' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.details.field).toBe('channelId');
    });

    it('MSG-11: a channel created a moment ago can be named at once (the service learns it from the directory)', async () => {
      const contactId = await inbound(whatsapp, 'msg11-new', 'reach me by sms too', { contact: { phone: '+6281200000012' } });
      const sms = await channel('sms');
      const res = await send(contactId, { type: 'text', text: 'now by sms', channelId: sms.id });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ channelId: sms.id, status: 'pending' });
    });

    it('MSG-9: agents see who else is typing to the contact, briefly', async () => {
      const contactId = await inbound(whatsapp, 'msg9', 'typing test');
      const typing = await api.post(`/v1/conversations/${contactId}/typing`).set(as(users.ana.token)).send({ typing: true });
      expect(typing.status).toBe(200);
      expect((await conversation(contactId, users.ben.token)).typingUserIds).toEqual([users.ana.id]);
      expect((await conversation(contactId, users.ana.token)).typingUserIds).toEqual([]);
      await api.post(`/v1/conversations/${contactId}/typing`).set(as(users.ana.token)).send({ typing: false }).expect(200);
      expect((await conversation(contactId, users.ben.token)).typingUserIds).toEqual([]);
    });

    it('CNV-10: sent messages cannot be deleted', async () => {
      const contactId = await inbound(whatsapp, 'cnv10', 'keep it');
      const sent = await send(contactId, { type: 'text', text: 'permanent' });
      const res = await api.delete(`/v1/messages/${sent.body.id}`).set(as(owner));
      // No route deletes a message: the method is refused (405 naming what the path allows, issue #18).
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
      expect((await api.get(`/v1/messages/${sent.body.id}`).set(as(owner))).status).toBe(200);
    });

    it('validation: a message without text is 400 naming text; an unknown type is 400', async () => {
      const contactId = await inbound(whatsapp, 'val', 'validate me');
      const noText = await send(contactId, { type: 'text' });
      expect(noText.status).toBe(400);
      expect(noText.body.error.details.field).toBe('text');
      expect((await send(contactId, { type: 'fax', text: 'x' })).status).toBe(400);
    });
  });

  describe('comments, broadcasts, timeline', () => {
    it('SRC-1…3: a comment mentions a user, who is notified and may see the thread for 24 hours without becoming a collaborator', async () => {
      const contactId = await inbound(whatsapp, 'src', 'need a second opinion');
      await api.post(`/v1/conversations/${contactId}/assignee`).set(as(owner)).send({ mode: 'user', userId: users.ana.id }).expect(200);
      expect((await api.get(`/v1/conversations/${contactId}`).set(as(users.sam.token))).status).toBe(404);
      const comment = await api.post(`/v1/conversations/${contactId}/comments`).set(as(users.ana.token)).send({ text: `Can you check, {{@user.${users.sam.id}}}?` });
      expect(comment.status).toBe(201);
      expect(comment.body).toMatchObject({ kind: 'comment', authorId: users.ana.id, mentionIds: [users.sam.id] });
      const seen = await api.get(`/v1/conversations/${contactId}`).set(as(users.sam.token));
      expect(seen.status).toBe(200);
      expect(seen.body.collaboratorIds).toEqual([]);
      const created = await eventually(() => events.find((e) => e.type === 'conversations.comment.created' && e.aggregateId === contactId), 'comment.created');
      expect(created.data).toMatchObject({ comment: { mentionIds: [users.sam.id] }, thread: { mentionedUntil: { [users.sam.id]: expect.any(String) } } });
      const until = Date.parse((created.data as { thread: { mentionedUntil: Record<string, string> } }).thread.mentionedUntil[users.sam.id]);
      expect(until - Date.now()).toBeGreaterThan(23.9 * 3600_000);
      // SRC-1: never sent to the contact.
      expect(provider.sends().some((c) => JSON.stringify(c.body).includes('second opinion') || JSON.stringify(c.body).includes('Can you check'))).toBe(false);
      const unknown = await api.post(`/v1/conversations/${contactId}/comments`).set(as(users.ana.token)).send({ text: '{{@user.nobody}} look' });
      expect(unknown.status).toBe(400);
    });

    it('broadcasts: 202 with a count; one broadcast message per contact with a broadcast-sent event, never moving the thread (FLT-3) or counting as a reply (FLT-2)', async () => {
      const a = await inbound(whatsapp, 'bc-a', 'broadcast me');
      const b = await inbound(whatsapp, 'bc-b', 'me too');
      const before = await conversation(a);
      const denied = await api.post('/v1/broadcasts').set(as(users.ana.token)).send({ contactIds: [a, b], message: { type: 'text', text: 'Sale!' } });
      expect(denied.status).toBe(403);
      const res = await api.post('/v1/broadcasts').set(as(owner)).send({ contactIds: [a, b, a], message: { type: 'text', text: 'Big sale today' } });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ id: expect.any(String), count: 2 });
      for (const contactId of [a, b]) {
        const items = await eventually(async () => {
          const all = await timeline(contactId);
          return all.some((i) => i.type === 'broadcast_sent') ? all : null;
        }, 'broadcast on the timeline');
        expect(items.find((i) => i.kind === 'message' && i.text === 'Big sale today')).toMatchObject({ sender: { category: 'broadcast' }, broadcastId: res.body.id });
      }
      const after = await conversation(a);
      expect(after.lastMessage).toEqual(before.lastMessage);
      expect(after.lastMessageAt).toBe(before.lastMessageAt);
    });

    it('CNV-9: the timeline is newest first and paginates without gaps or repeats', async () => {
      const contactId = await inbound(whatsapp, 'cnv9', 'm0');
      for (let i = 1; i < 7; i++) await inbound(whatsapp, 'cnv9', `m${i}`);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: Array<{ id: string; createdAt: string }>; nextCursor: string | null } } = await api.get(`/v1/conversations/${contactId}/timeline`).query({ limit: 3, ...(cursor ? { cursor } : {}) }).set(as(owner));
        seen.push(...page.body.items.map((i) => i.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      const all = await timeline(contactId);
      expect(seen).toEqual(all.map((i) => i.id));
      expect(new Set(seen).size).toBe(seen.length);
      const times = all.map((i) => i.createdAt);
      expect([...times].sort().reverse()).toEqual(times);
      expect(all.filter((i) => i.kind === 'message').map((i) => i.text)).toEqual(['m6', 'm5', 'm4', 'm3', 'm2', 'm1', 'm0']);
    });

    it('INB-7: unread counts per user, cleared by reading', async () => {
      const contactId = await inbound(whatsapp, 'inb7', 'one');
      await inbound(whatsapp, 'inb7', 'two');
      expect((await conversation(contactId, users.ana.token)).unreadCount).toBe(2);
      const read = await api.post(`/v1/conversations/${contactId}/read`).set(as(users.ana.token));
      expect(read.status).toBe(200);
      expect(read.body.unreadCount).toBe(0);
      expect((await conversation(contactId, users.ben.token)).unreadCount).toBe(2);
    });

    it('CNV-9: channel events — a click-to-chat opening opens the thread with that source and referral; a web-chat page change is recorded', async () => {
      const opener = { type: 'event', id: `open-${tag}`, timestamp: new Date().toISOString(), contact: { externalId: 'cnv9-web', firstName: 'Web' }, event: { category: 'open', type: 'click_to_chat' }, referral: { code: 'CTA-7', url: 'https://shop.example/p/7' } };
      expect(await postProviderEvent(platform.gatewayUrl, telegram, opener)).toBe(202);
      expect(await postProviderEvent(platform.gatewayUrl, telegram, opener)).toBe(202);
      const contactId = await eventually(async () => (await api.get('/v1/contacts').query({ channelId: telegram.id, externalId: 'cnv9-web' }).set(as(owner))).body.items?.[0]?.id, 'contact of the opener');
      const opened = await eventually(async () => (await timeline(contactId)).find((i) => i.type === 'opened'), 'opened event');
      expect(opened).toMatchObject({ category: 'open', source: 'click_to_chat', referral: { code: 'CTA-7', url: 'https://shop.example/p/7' } });
      // Ingested work writes its timeline entries first; the thread follows a moment later.
      await eventually(async () => (await conversation(contactId)).status === 'open' || null, 'thread opened by the click-to-chat');
      const page = { type: 'event', id: `page-${tag}`, timestamp: new Date().toISOString(), contact: { externalId: 'cnv9-web' }, event: { category: 'page', type: 'page_changed', data: { url: 'https://shop.example/cart' } } };
      expect(await postProviderEvent(platform.gatewayUrl, telegram, page)).toBe(202);
      const changed = await eventually(async () => (await timeline(contactId)).find((i) => i.type === 'page_changed'), 'page change');
      expect(changed).toMatchObject({ category: 'page', source: 'contact', data: { url: 'https://shop.example/cart' } });
      expect((await timeline(contactId)).filter((i) => i.type === 'opened')).toHaveLength(1);
      const bad = { ...page, id: 'x', event: { category: 'open', type: 'teleport' } };
      const raw = JSON.stringify(bad);
      const res = await fetch(`${platform.gatewayUrl}/v1/channels/${telegram.id}/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-channel-signature': sign(telegram.secret, raw) }, body: raw });
      expect(res.status).toBe(400);
    });

    it('CNV-9: a provider\'s channel event whose data the database cannot store is 400 naming the field, so it is not accepted and then lost', async () => {
      const page = (id: string, data: unknown) => ({ type: 'event', id, timestamp: new Date().toISOString(), contact: { externalId: 'cnv9-raw' }, event: { category: 'page', type: 'page_changed', data } });
      const post = async (body: unknown) => {
        const raw = JSON.stringify(body);
        return fetch(`${platform.gatewayUrl}/v1/channels/${telegram.id}/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-channel-signature': sign(telegram.secret, raw) }, body: raw });
      };
      const dotted = await post(page(`raw-dot-${tag}`, { form: { 'e.mail': 'rita@example.com' } }));
      expect(dotted.status).toBe(400);
      expect(((await dotted.json()) as { error: unknown }).error).toMatchObject({ code: 'invalid_input', details: { field: 'event.data.form.e.mail' } });
      const nested = await post(page(`raw-nest-${tag}`, { grid: [[1]] }));
      expect(nested.status).toBe(400);
      expect(((await nested.json()) as { error: unknown }).error).toMatchObject({ details: { field: 'event.data.grid.0' } });
      expect((await post(page(`raw-ok-${tag}`, { form: { email: 'rita@example.com' } }))).status).toBe(202);
      const contactId = await eventually(async () => (await api.get('/v1/contacts').query({ channelId: telegram.id, externalId: 'cnv9-raw' }).set(as(owner))).body.items?.[0]?.id, 'contact of the page change');
      const changes = await eventually(async () => {
        const found = (await timeline(contactId)).filter((i) => i.type === 'page_changed');
        return found.length ? found : null;
      }, 'the storable page change');
      expect(changes).toEqual([expect.objectContaining({ data: { channelId: telegram.id, form: { email: 'rita@example.com' } } })]);
    });

    it('CNV-9: workflows and bots record their events (API tokens, owners, managers); agents get 403', async () => {
      const contactId = await inbound(whatsapp, 'cnv9-wf', 'start the flow');
      const apiToken = (await api.post('/v1/api-tokens').set(as(owner)).send({ name: 'Flow engine' })).body.token;
      const started = await api.post(`/v1/conversations/${contactId}/events`).set(as(apiToken)).send({ category: 'workflow', type: 'workflow_started', data: { workflow: 'Welcome' } });
      expect(started.status).toBe(201);
      await api.post(`/v1/conversations/${contactId}/events`).set(as(owner)).send({ category: 'bot', type: 'bot_off' }).expect(201);
      expect((await api.post(`/v1/conversations/${contactId}/events`).set(as(users.ana.token)).send({ category: 'bot', type: 'bot_on' })).status).toBe(403);
      expect((await api.post(`/v1/conversations/${contactId}/events`).set(as(owner)).send({ category: 'assignment', type: 'assigned' })).status).toBe(400);
      const items = await timeline(contactId);
      expect(items.find((i) => i.type === 'workflow_started')).toMatchObject({ category: 'workflow', source: 'workflow', data: { workflow: 'Welcome' } });
      expect(items[0]).toMatchObject({ category: 'bot', type: 'bot_off', source: 'bot', actorId: ownerId });
    });

    it('CNV-9: event data is kept as given, and what the database cannot store (a key with "." or a leading "$", a list in a list) is 400 naming it', async () => {
      const contactId = await inbound(whatsapp, 'cnv9-data', 'data please');
      const dotted = await api.post(`/v1/conversations/${contactId}/events`).set(as(owner)).send({ category: 'workflow', type: 'opened', data: { ÿ: 1.7976931348623157e308, '.': -9.4427935115074e17 } });
      expect(dotted.status).toBe(400);
      expect(dotted.body.error).toMatchObject({ code: 'invalid_input', details: { field: 'data..' } });
      const operator = await api.post(`/v1/conversations/${contactId}/events`).set(as(owner)).send({ category: 'workflow', type: 'opened', data: { step: { $set: 1 } } });
      expect(operator.body.error).toMatchObject({ code: 'invalid_input', details: { field: 'data.step.$set' } });
      const nested = await api.post(`/v1/conversations/${contactId}/events`).set(as(owner)).send({ category: 'bot', type: 'ringing', data: { '4}': [[]] } });
      expect(nested.status).toBe(400);
      expect(nested.body.error).toMatchObject({ code: 'invalid_input', details: { field: 'data.4}.0' } });
      await api.post(`/v1/conversations/${contactId}/events`).set(as(owner)).send({ category: 'workflow', type: 'survey_answered', data: { ÿ: 1.7976931348623157e308, steps: [{ n: -9.4427935115074e17 }] } }).expect(201);
      expect((await timeline(contactId)).filter((item) => item.type === 'survey_answered')).toEqual([expect.objectContaining({ category: 'workflow', data: { ÿ: 1.7976931348623157e308, steps: [{ n: -9.4427935115074e17 }] } })]);
    });

    it('events: state changes are announced for read models (thread, message, timeline event)', async () => {
      const contactId = await inbound(whatsapp, 'evt', 'announce me');
      await eventually(() => events.some((e) => e.type === 'conversations.message.created' && e.aggregateId === contactId), 'message.created');
      await eventually(() => events.some((e) => e.type === 'conversations.thread.updated' && e.aggregateId === contactId), 'thread.updated');
      await eventually(() => events.some((e) => e.type === 'conversations.timeline_event.recorded' && e.aggregateId === contactId), 'timeline_event.recorded');
    });
  });
});
