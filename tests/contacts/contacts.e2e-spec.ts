import { ContactsDefinition, EventEnvelope } from '@omnibox/contracts';
import { EventBus, EventConsumer } from '@omnibox/messaging';
import { connectNats, createLogger, NatsHandle } from '@omnibox/platform';
import { CONTACTS_CONTRACT, GrpcClient, systemCaller } from '@omnibox/rpc';
import { bearer, eventually, sharedEngineUrls, uniqueName } from '@omnibox/testing';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { RunningPlatform, startPlatform } from '../support/platform';
import { allAnnouncementsReceived } from '../support/settled';

describe('contacts over the real gateway (API.md "Contacts", CON-1…5, CNV-8, SRC-4, VIS-2…4)', () => {
  let platform: RunningPlatform;
  let api: ReturnType<typeof request>;
  let nats: NatsHandle;
  let bus: EventBus;
  let consumer: EventConsumer;
  const collector = uniqueName('ct');
  let mongo: MongoClient;
  const events: EventEnvelope[] = [];
  const tag = uniqueName('c');
  const email = (who: string) => `${who}.${tag}@example.com`;
  const as = bearer;
  let workspaceId: string;
  let owner: string;
  const agents: Record<string, { id: string; token: string }> = {};
  let teamId: string;

  async function addAgent(name: string, restriction: 'none' | 'team' | 'self') {
    const created = await api.post('/v1/users').set(as(owner)).send({ firstName: name, email: email(name), password: 'agent-password-1', role: 'agent', restriction });
    expect(created.status).toBe(201);
    const login = await api.post('/v1/auth/login').send({ email: email(name), password: 'agent-password-1' });
    agents[name] = { id: created.body.id, token: login.body.token };
  }

  const createContact = (token: string, body: Record<string, unknown>) => api.post('/v1/contacts').set(as(token)).send(body);

  beforeAll(async () => {
    platform = await startPlatform({ NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL }, ['contacts', 'gateway']);
    api = request(platform.gatewayUrl);
    const workspace = await api.post('/v1/workspaces').send({ name: 'Contacts Co', owner: { firstName: 'Olivia', email: email('olivia'), password: 'owner-password-1' } });
    owner = workspace.body.token;
    workspaceId = workspace.body.workspace.id;
    await addAgent('sara', 'self');
    await addAgent('tom', 'team');
    await addAgent('tina', 'team');
    await addAgent('nora', 'none');
    const team = await api.post('/v1/teams').set(as(owner)).send({ name: 'Sales', memberIds: [agents.tom.id, agents.tina.id] });
    teamId = team.body.id;
    // Tokens carry the team scope as of login; log the team members in again.
    for (const name of ['tom', 'tina']) agents[name].token = (await api.post('/v1/auth/login').send({ email: email(name), password: 'agent-password-1' })).body.token;
    await api.post('/v1/custom-fields').set(as(owner)).send({ key: 'birthday', name: 'Birthday', type: 'date' }).expect(201);
    await api.post('/v1/custom-fields').set(as(owner)).send({ key: 'plan', name: 'Plan', type: 'list', options: ['free', 'pro'] }).expect(201);
    await api.post('/v1/custom-fields').set(as(owner)).send({ key: 'vip', name: 'VIP', type: 'checkbox' }).expect(201);

    nats = await connectNats(sharedEngineUrls.NATS_URL, 'contacts-events-test');
    mongo = await MongoClient.connect(sharedEngineUrls.MONGODB_URL);
    bus = new EventBus(nats.connection, { stream: platform.env.EVENT_STREAM, subjectPrefix: platform.env.EVENT_SUBJECT_PREFIX });
    await bus.ensureStreams();
    consumer = new EventConsumer(bus, { durable: collector, filter: '*.contacts.>', handle: async (event) => void events.push(event) }, createLogger('t', 'silent'));
    await consumer.start();
  });

  afterAll(async () => {
    await mongo?.close();
    await consumer?.stop();
    await nats?.close();
    await platform?.stop();
  });

  it('CON-1: creating a contact answers 201 with the API.md contact, phone normalised and e-mail lower-cased', async () => {
    const res = await createContact(owner, { firstName: 'Ana', lastName: 'Silva', phone: '0812-3456-7890', countryCode: 'id', email: 'Ana.Silva@Example.COM', tags: ['vip', 'VIP', 'lead'], customFields: { birthday: '1990-02-28', plan: 'pro', vip: true } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String), firstName: 'Ana', lastName: 'Silva', phone: '+6281234567890', email: 'ana.silva@example.com', language: null, countryCode: 'ID', gender: null,
      tags: ['vip', 'lead'], customFields: { birthday: '1990-02-28', plan: 'pro', vip: true }, blocked: false, assigneeId: null, teamId: null,
      createdAt: expect.any(String), updatedAt: expect.any(String),
    });
    const read = await api.get(`/v1/contacts/${res.body.id}`).set(as(owner));
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
    await eventually(() => events.some((e) => e.type === 'contacts.contact.created' && e.aggregateId === res.body.id), 'contacts.contact.created');
    expect(events.find((e) => e.aggregateId === res.body.id)).toMatchObject({ workspaceId, data: { contact: { firstName: 'Ana', phone: '+6281234567890' } } });
  });

  it('CON-2: a bad date custom field is a 400 naming it and the expected type; an unknown key is a 400 too', async () => {
    const bad = await createContact(owner, { firstName: 'Bad', customFields: { birthday: '28/02/1990' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('customFields.birthday');
    expect(bad.body.error.message).toContain('YYYY-MM-DD');
    const list = await createContact(owner, { firstName: 'Bad', customFields: { plan: 'gold' } });
    expect(list.status).toBe(400);
    expect(list.body.error.details.field).toBe('customFields.plan');
    const unknown = await createContact(owner, { firstName: 'Bad', customFields: { shoe_size: 42 } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.field).toBe('customFields.shoe_size');
  });

  it('invalid input is a 400 naming the field: missing firstName, bad phone, bad e-mail, unknown assignee, unknown body field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ lastName: 'NoFirst' }, 'firstName'],
      [{ firstName: 'P', phone: 'call me maybe' }, 'phone'],
      [{ firstName: 'E', email: 'not-an-address' }, 'email'],
      [{ firstName: 'A', assigneeId: 'nobody-here' }, 'assigneeId'],
      [{ firstName: 'T', teamId: 'no-such-team' }, 'teamId'],
      [{ firstName: 'X', isAdmin: true }, 'isAdmin'],
      [{ firstName: 'C', countryCode: 'Indonesia' }, 'countryCode'],
    ];
    for (const [body, field] of cases) {
      const res = await createContact(owner, body);
      expect({ field, status: res.status, got: res.body.error?.details?.field }).toEqual({ field, status: 400, got: field });
    }
  });

  it('CON-2: editing details and custom fields; null clears; the change is announced with what changed', async () => {
    const created = await createContact(owner, { firstName: 'Ben', lastName: 'Old', customFields: { plan: 'free' } });
    const patched = await api.patch(`/v1/contacts/${created.body.id}`).set(as(owner)).send({ firstName: 'Benjamin', lastName: null, phone: '+1 (415) 555-2671', customFields: { plan: null, birthday: '2000-01-01' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ firstName: 'Benjamin', lastName: null, phone: '+14155552671', customFields: { birthday: '2000-01-01' } });
    expect(patched.body.customFields).not.toHaveProperty('plan');
    const badDate = await api.patch(`/v1/contacts/${created.body.id}`).set(as(owner)).send({ customFields: { birthday: '2000-13-01' } });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.details.field).toBe('customFields.birthday');
    const noName = await api.patch(`/v1/contacts/${created.body.id}`).set(as(owner)).send({ firstName: null });
    expect(noName.status).toBe(400);
    expect(noName.body.error.details.field).toBe('firstName');
    const updated = await eventually(() => events.find((e) => e.type === 'contacts.contact.updated' && e.aggregateId === created.body.id), 'contacts.contact.updated');
    expect((updated.data as { changed: string[] }).changed.sort()).toEqual(['customFields', 'firstName', 'lastName', 'phone']);
    expect(updated.data).toMatchObject({ contact: { firstName: 'Benjamin', lastName: null } });
  });

  it('exact lookup by normalised phone, any-case e-mail and channel identity; exactly one key is required', async () => {
    const created = await createContact(owner, { firstName: 'Lookup', phone: '+44 20 7946 0958', email: `look.${tag}@example.com` });
    const byPhone = await api.get('/v1/contacts').query({ phone: '+44 (0)20-7946-0958' }).set(as(owner));
    expect(byPhone.status).toBe(200);
    expect(byPhone.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    const byEmail = await api.get('/v1/contacts').query({ email: `LOOK.${tag}@EXAMPLE.com` }).set(as(owner));
    expect(byEmail.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    expect((await api.get('/v1/contacts').set(as(owner))).status).toBe(400);
    const noExternal = await api.get('/v1/contacts').query({ channelId: 'ch1' }).set(as(owner));
    expect(noExternal.status).toBe(400);
    expect(noExternal.body.error.details.field).toBe('externalId');
  });

  it('a contact first seen on a channel is created unassigned once, then resolved by (channel, external id)', async () => {
    const client = new GrpcClient<ContactsDefinition>({ contract: CONTACTS_CONTRACT, service: 'Contacts', url: platform.env.CONTACTS_GRPC_URL, secret: platform.env.INTERNAL_SECRET, displayName: 'contacts' });
    try {
      const caller = systemCaller(workspaceId, 'conversations');
      const request = { channelId: 'wa-1', channelType: 'whatsapp', externalId: '6281111', firstName: 'Wendy', phone: '+62 811 11' };
      const [first, second] = await Promise.all([client.call('ResolveChannelContact', request, caller), client.call('ResolveChannelContact', request, caller)]);
      expect(first.contact!.id).toBe(second.contact!.id);
      expect([first.created, second.created].filter(Boolean)).toHaveLength(1);
      const contact = await api.get(`/v1/contacts/${first.contact!.id}`).set(as(owner));
      expect(contact.body).toMatchObject({ firstName: 'Wendy', assigneeId: null, teamId: null });
      const channels = await api.get(`/v1/contacts/${first.contact!.id}/channels`).set(as(owner));
      expect(channels.body).toEqual({ items: [{ channelId: 'wa-1', type: 'whatsapp', externalId: '6281111' }] });
      const byIdentity = await api.get('/v1/contacts').query({ channelId: 'wa-1', externalId: '6281111' }).set(as(owner));
      expect(byIdentity.body.items.map((c: { id: string }) => c.id)).toEqual([first.contact!.id]);
    } finally {
      client.close();
    }
  });

  it('CON-3: a second contact with the same phone is allowed and then suggested for merge, whatever the punctuation', async () => {
    const first = await createContact(owner, { firstName: 'Maria', phone: '+62 812 9999 0001' });
    const second = await createContact(owner, { firstName: 'Maria B', phone: '0812-9999-0001', countryCode: 'ID' });
    const byEmail = await createContact(owner, { firstName: 'Other', email: `MARIA.${tag}@example.com` });
    await api.patch(`/v1/contacts/${first.body.id}`).set(as(owner)).send({ email: `maria.${tag}@example.com` }).expect(200);
    expect(second.status).toBe(201);
    const suggestions = await api.get(`/v1/contacts/${first.body.id}/merge-suggestions`).set(as(owner));
    expect(suggestions.status).toBe(200);
    expect(suggestions.body.items.map((c: { id: string }) => c.id).sort()).toEqual([second.body.id, byEmail.body.id].sort());
  });

  it('CON-3: merging moves channels, notes, tags and missing fields into the kept contact; the merged one answers 404; retry answers the same', async () => {
    const kept = await createContact(owner, { firstName: 'Keep', phone: '+62 813 0000 0001', tags: ['a'], customFields: { plan: 'pro' } });
    const client = new GrpcClient<ContactsDefinition>({ contract: CONTACTS_CONTRACT, service: 'Contacts', url: platform.env.CONTACTS_GRPC_URL, secret: platform.env.INTERNAL_SECRET, displayName: 'contacts' });
    const resolved = await client.call('ResolveChannelContact', { channelId: 'tg-1', channelType: 'telegram', externalId: 'keep-me', phone: '+62 813 0000 0001' }, systemCaller(workspaceId, 'test'));
    client.close();
    const sourceId = resolved.contact!.id;
    await api.patch(`/v1/contacts/${sourceId}`).set(as(owner)).send({ lastName: 'Source', email: `src.${tag}@example.com`, tags: ['b'], customFields: { plan: 'free', vip: true } }).expect(200);
    await api.post(`/v1/contacts/${sourceId}/notes`).set(as(owner)).send({ text: 'prefers mornings' }).expect(201);

    const merged = await api.post(`/v1/contacts/${kept.body.id}/merge`).set(as(owner)).send({ sourceContactId: sourceId });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ id: kept.body.id, firstName: 'Keep', lastName: 'Source', email: `src.${tag}@example.com`, tags: ['a', 'b'], customFields: { plan: 'pro', vip: true } });
    expect((await api.get(`/v1/contacts/${sourceId}`).set(as(owner))).status).toBe(404);
    const channels = await api.get(`/v1/contacts/${kept.body.id}/channels`).set(as(owner));
    expect(channels.body.items).toEqual([{ channelId: 'tg-1', type: 'telegram', externalId: 'keep-me' }]);
    const notes = await api.get(`/v1/contacts/${kept.body.id}/notes`).set(as(owner));
    expect(notes.body.items.map((n: { text: string }) => n.text)).toEqual(['prefers mornings']);

    const again = await api.post(`/v1/contacts/${kept.body.id}/merge`).set(as(owner)).send({ sourceContactId: sourceId });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...merged.body, updatedAt: again.body.updatedAt });
    const event = await eventually(() => events.find((e) => e.type === 'contacts.contact.merged' && e.aggregateId === kept.body.id), 'contacts.contact.merged');
    expect(event.data).toMatchObject({ sourceContactId: sourceId, movedChannels: [{ channelId: 'tg-1', type: 'telegram', externalId: 'keep-me' }] });
    await allAnnouncementsReceived(bus, collector, [mongo.db(`${platform.env.MONGODB_DATABASE_PREFIX}_contacts`)]);
    expect(events.filter((e) => e.type === 'contacts.contact.merged' && e.aggregateId === kept.body.id)).toHaveLength(1);

    expect((await api.post(`/v1/contacts/${kept.body.id}/merge`).set(as(owner)).send({ sourceContactId: kept.body.id })).status).toBe(400);
    expect((await api.post(`/v1/contacts/${kept.body.id}/merge`).set(as(owner)).send({})).body.error.details.field).toBe('sourceContactId');
  });

  it('CNV-8 / CON-4: block and unblock are announced once each and show on the contact', async () => {
    const contact = await createContact(owner, { firstName: 'Spammer' });
    const blocked = await api.post(`/v1/contacts/${contact.body.id}/block`).set(as(owner));
    expect(blocked.status).toBe(200);
    expect(blocked.body.blocked).toBe(true);
    await api.post(`/v1/contacts/${contact.body.id}/block`).set(as(owner)).expect(200);
    const unblocked = await api.post(`/v1/contacts/${contact.body.id}/unblock`).set(as(owner));
    expect(unblocked.body.blocked).toBe(false);
    await eventually(() => events.some((e) => e.type === 'contacts.contact.unblocked' && e.aggregateId === contact.body.id), 'unblocked');
    expect(events.filter((e) => e.type === 'contacts.contact.blocked' && e.aggregateId === contact.body.id)).toHaveLength(1);
  });

  it('SRC-4: notes are kept on the contact, newest first, with their author, paginated', async () => {
    const contact = await createContact(owner, { firstName: 'Noted' });
    for (const text of ['first', 'second', 'third']) await api.post(`/v1/contacts/${contact.body.id}/notes`).set(as(owner)).send({ text }).expect(201);
    const page1 = await api.get(`/v1/contacts/${contact.body.id}/notes`).query({ limit: 2 }).set(as(owner));
    expect(page1.body.items.map((n: { text: string }) => n.text)).toEqual(['third', 'second']);
    const page2 = await api.get(`/v1/contacts/${contact.body.id}/notes`).query({ limit: 2, cursor: page1.body.nextCursor }).set(as(owner));
    expect(page2.body).toMatchObject({ items: [{ text: 'first' }], nextCursor: null });
    expect((await api.post(`/v1/contacts/${contact.body.id}/notes`).set(as(owner)).send({ text: '' })).status).toBe(400);
  });

  it('VIS-2: a self-restricted agent sees only contacts assigned to them; others answer 404 on every endpoint', async () => {
    const mine = await createContact(owner, { firstName: 'Mine', phone: '+62 814 0000 0001', assigneeId: agents.sara.id });
    const theirs = await createContact(owner, { firstName: 'Theirs', phone: '+62 814 0000 0001', assigneeId: agents.nora.id });
    const sara = agents.sara.token;
    expect((await api.get(`/v1/contacts/${mine.body.id}`).set(as(sara))).status).toBe(200);
    const hidden = theirs.body.id;
    const attempts = [
      api.get(`/v1/contacts/${hidden}`).set(as(sara)),
      api.patch(`/v1/contacts/${hidden}`).set(as(sara)).send({ firstName: 'Hijack' }),
      api.post(`/v1/contacts/${hidden}/block`).set(as(sara)),
      api.post(`/v1/contacts/${hidden}/unblock`).set(as(sara)),
      api.get(`/v1/contacts/${hidden}/merge-suggestions`).set(as(sara)),
      api.post(`/v1/contacts/${hidden}/merge`).set(as(sara)).send({ sourceContactId: mine.body.id }),
      api.post(`/v1/contacts/${mine.body.id}/merge`).set(as(sara)).send({ sourceContactId: hidden }),
      api.post(`/v1/contacts/${hidden}/notes`).set(as(sara)).send({ text: 'x' }),
      api.get(`/v1/contacts/${hidden}/notes`).set(as(sara)),
      api.get(`/v1/contacts/${hidden}/channels`).set(as(sara)),
    ];
    const statuses = (await Promise.all(attempts)).map((res) => res.status);
    expect(statuses).toEqual(attempts.map(() => 404));
    expect((await api.get(`/v1/contacts/${hidden}`).set(as(owner))).body.firstName).toBe('Theirs');
    const suggestions = await api.get(`/v1/contacts/${mine.body.id}/merge-suggestions`).set(as(sara));
    expect(suggestions.body.items).toEqual([]);
    const lookup = await api.get('/v1/contacts').query({ phone: '+62 814 0000 0001' }).set(as(sara));
    expect(lookup.body.items.map((c: { id: string }) => c.id)).toEqual([mine.body.id]);
  });

  it('VIS-2: a team-restricted agent sees contacts of their team or assigned to a teammate, not others', async () => {
    const ofTeam = await createContact(owner, { firstName: 'TeamOne', teamId });
    const ofMate = await createContact(owner, { firstName: 'MateOne', assigneeId: agents.tina.id });
    const ofStranger = await createContact(owner, { firstName: 'Stranger', assigneeId: agents.nora.id });
    const tom = agents.tom.token;
    expect((await api.get(`/v1/contacts/${ofTeam.body.id}`).set(as(tom))).status).toBe(200);
    expect((await api.get(`/v1/contacts/${ofMate.body.id}`).set(as(tom))).status).toBe(200);
    expect((await api.get(`/v1/contacts/${ofStranger.body.id}`).set(as(tom))).status).toBe(404);
    expect((await api.get(`/v1/contacts/${ofStranger.body.id}`).set(as(agents.nora.token))).status).toBe(200);
  });

  it('CON-1: a self-restricted agent who creates a contact without naming an assignee gets it assigned, so they keep seeing it', async () => {
    const res = await createContact(agents.sara.token, { firstName: 'Walk-in' });
    expect(res.status).toBe(201);
    expect(res.body.assigneeId).toBe(agents.sara.id);
    expect((await api.get(`/v1/contacts/${res.body.id}`).set(as(agents.sara.token))).status).toBe(200);
  });

  it('roles: agents cannot define custom fields or delete contacts (403); a duplicate field key is 409', async () => {
    expect((await api.post('/v1/custom-fields').set(as(agents.nora.token)).send({ key: 'x', name: 'X', type: 'text' })).status).toBe(403);
    const duplicate = await api.post('/v1/custom-fields').set(as(owner)).send({ key: 'birthday', name: 'Again', type: 'date' });
    expect(duplicate.status).toBe(409);
    const badType = await api.post('/v1/custom-fields').set(as(owner)).send({ key: 'x', name: 'X', type: 'colour' });
    expect(badType.body.error.details.field).toBe('type');
    const list = await api.get('/v1/custom-fields').set(as(agents.nora.token));
    expect(list.body.items.map((f: { key: string }) => f.key)).toEqual(['birthday', 'plan', 'vip']);
    const contact = await createContact(owner, { firstName: 'Gone' });
    expect((await api.delete(`/v1/contacts/${contact.body.id}`).set(as(agents.nora.token))).status).toBe(403);
    expect((await api.delete(`/v1/contacts/${contact.body.id}`).set(as(owner))).status).toBe(204);
    expect((await api.get(`/v1/contacts/${contact.body.id}`).set(as(owner))).status).toBe(404);
    await eventually(() => events.some((e) => e.type === 'contacts.contact.deleted' && e.aggregateId === contact.body.id), 'contacts.contact.deleted');
  });

  it('workspaces never see each other: another workspace gets 404 for this contact', async () => {
    const contact = await createContact(owner, { firstName: 'Private', email: `private.${tag}@example.com` });
    const other = await api.post('/v1/workspaces').send({ name: 'Rival', owner: { firstName: 'Rex', email: email('rex'), password: 'rival-password-1' } });
    expect((await api.get(`/v1/contacts/${contact.body.id}`).set(as(other.body.token))).status).toBe(404);
    expect((await api.get('/v1/contacts').query({ email: `private.${tag}@example.com` }).set(as(other.body.token))).body.items).toEqual([]);
  });

  it('Idempotency-Key: a retried create returns the first contact and creates nothing more; the key cannot be reused for another body', async () => {
    const key = `create-${tag}`;
    const body = { firstName: 'Once', email: `once.${tag}@example.com` };
    const first = await api.post('/v1/contacts').set(as(owner)).set('Idempotency-Key', key).send(body);
    expect(first.status).toBe(201);
    const retry = await api.post('/v1/contacts').set(as(owner)).set('Idempotency-Key', key).send(body);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    const found = await api.get('/v1/contacts').query({ email: `once.${tag}@example.com` }).set(as(owner));
    expect(found.body.items).toHaveLength(1);
    const reused = await api.post('/v1/contacts').set(as(owner)).set('Idempotency-Key', key).send({ firstName: 'Other' });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    const badKey = await api.post('/v1/contacts').set(as(owner)).set('Idempotency-Key', 'has spaces in it').send(body);
    expect(badKey.status).toBe(400);
    expect(badKey.body.error.details.field).toBe('Idempotency-Key');
    const failed = await api.post('/v1/contacts').set(as(owner)).set('Idempotency-Key', `bad-${tag}`).send({ firstName: 'X', customFields: { plan: 'gold' } });
    expect(failed.status).toBe(400);
    const fixed = await api.post('/v1/contacts').set(as(owner)).set('Idempotency-Key', `bad-${tag}`).send({ firstName: 'X', customFields: { plan: 'gold' } });
    expect(fixed.status).toBe(400); // a failed write is not remembered: the retry runs (and fails) again
  });

  it('Idempotency-Key: two identical merges at once run once; the other is told to retry (409) or gets the same answer', async () => {
    const kept = await createContact(owner, { firstName: 'Twin A' });
    const source = await createContact(owner, { firstName: 'Twin B', lastName: 'B' });
    const send = () => api.post(`/v1/contacts/${kept.body.id}/merge`).set(as(owner)).set('Idempotency-Key', `merge-${tag}`).send({ sourceContactId: source.body.id });
    const answers = await Promise.all([send(), send()]);
    expect(answers.map((res) => res.status).sort()).toEqual(expect.arrayContaining([200]));
    for (const res of answers) expect([200, 409]).toContain(res.status);
    const later = await send();
    expect(later.status).toBe(200);
    expect(later.body).toMatchObject({ id: kept.body.id, lastName: 'B' });
  });

  it('without a token every contact endpoint is 401', async () => {
    expect((await api.get('/v1/contacts/abc')).status).toBe(401);
    expect((await api.post('/v1/contacts').send({ firstName: 'x' })).status).toBe(401);
  });
});
