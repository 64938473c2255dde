import { ContactsDefinition, EventEnvelope } from '@omnibox/contracts';
import { EventBus, EventConsumer } from '@omnibox/messaging';
import { connectNats, createLogger, NatsHandle } from '@omnibox/platform';
import { CONTACTS_CONTRACT, GrpcClient, systemCaller } from '@omnibox/rpc';
import { bearer, eventually, sharedEngineUrls, uniqueName } from '@omnibox/testing';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { RunningPlatform, startPlatform } from '../support/platform';
import { allAnnouncementsReceived } from '../support/settled';

/** ResolveChannelContacts: channel ingress resolving many first messages at once (CNV-1, issue #19). */
describe('contacts behind channel identities, resolved in batches (CNV-1)', () => {
  let platform: RunningPlatform;
  let api: ReturnType<typeof request>;
  let client: GrpcClient<ContactsDefinition>;
  let nats: NatsHandle;
  let bus: EventBus;
  let consumer: EventConsumer;
  const collector = uniqueName('cc');
  let mongo: MongoClient;
  const events: EventEnvelope[] = [];
  const tag = uniqueName('cc');
  let workspaceId: string;
  let owner: string;

  const identity = (externalId: string, channelId = 'wa-1') => ({ channelId, channelType: 'whatsapp', externalId, firstName: `Person ${externalId}` });
  const resolveMany = (identities: Array<ReturnType<typeof identity>>) =>
    client.call('ResolveChannelContacts', { items: identities.map((item) => ({ identity: item })) }, systemCaller(workspaceId, 'conversations'));
  /** Positive control for the "announced once" checks (see `allAnnouncementsReceived`). */
  const everythingAnnounced = () => allAnnouncementsReceived(bus, collector, [mongo.db(`${platform.env.MONGODB_DATABASE_PREFIX}_contacts`)]);
  const announced = (type: string, contactId: string) => events.filter((event) => event.type === type && event.aggregateId === contactId);

  beforeAll(async () => {
    platform = await startPlatform({ NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL }, ['contacts', 'gateway']);
    api = request(platform.gatewayUrl);
    const workspace = await api.post('/v1/workspaces').send({ name: 'Campaign Co', owner: { firstName: 'Olga', email: `olga.${tag}@example.com`, password: 'owner-password-1' } });
    owner = workspace.body.token;
    workspaceId = workspace.body.workspace.id;
    client = new GrpcClient<ContactsDefinition>({ contract: CONTACTS_CONTRACT, service: 'Contacts', url: platform.env.CONTACTS_GRPC_URL, secret: platform.env.INTERNAL_SECRET, displayName: 'contacts' });
    nats = await connectNats(sharedEngineUrls.NATS_URL, 'channel-contacts-test');
    mongo = await MongoClient.connect(sharedEngineUrls.MONGODB_URL);
    bus = new EventBus(nats.connection, { stream: platform.env.EVENT_STREAM, subjectPrefix: platform.env.EVENT_SUBJECT_PREFIX });
    await bus.ensureStreams();
    consumer = new EventConsumer(bus, { durable: collector, filter: '*.contacts.>', handle: async (event) => void events.push(event) }, createLogger('t', 'silent'));
    await consumer.start();
  });

  afterAll(async () => {
    client?.close();
    await mongo?.close();
    await consumer?.stop();
    await nats?.close();
    await platform?.stop();
  });

  it('CNV-1: a batch answers in order; a pair asked twice is one contact, created once; a pair seen before keeps its contact', async () => {
    const known = await client.call('ResolveChannelContact', identity('known-1'), systemCaller(workspaceId, 'conversations'));
    const { items } = await resolveMany([identity('new-1'), identity('known-1'), identity('new-1'), identity('new-2')]);
    expect(items.map((item) => item.contact!.firstName)).toEqual(['Person new-1', 'Person known-1', 'Person new-1', 'Person new-2']);
    expect(items[0].contact!.id).toBe(items[2].contact!.id);
    expect(items[1].contact!.id).toBe(known.contact!.id);
    expect(items.map((item) => item.created)).toEqual([true, false, false, true]);
    expect(new Set(items.map((item) => item.contact!.id)).size).toBe(3);

    const created = await api.get(`/v1/contacts/${items[3].contact!.id}`).set(bearer(owner));
    expect(created.body).toMatchObject({ firstName: 'Person new-2', assigneeId: null, teamId: null });
    const channels = await api.get(`/v1/contacts/${items[3].contact!.id}/channels`).set(bearer(owner));
    expect(channels.body.items).toEqual([{ channelId: 'wa-1', type: 'whatsapp', externalId: 'new-2' }]);
    for (const id of [items[0].contact!.id, items[3].contact!.id]) {
      const event = await eventually(() => announced('contacts.contact.created', id)[0], `contacts.contact.created of ${id}`);
      expect(event.data).toMatchObject({ contact: { id }, channel: { channelId: 'wa-1', type: 'whatsapp' } });
      await eventually(() => announced('contacts.contact.channel_added', id).length === 1, `contacts.contact.channel_added of ${id}`);
    }
    // Announced once each, and nothing for the contact that already was.
    await everythingAnnounced();
    for (const id of [items[0].contact!.id, items[3].contact!.id]) expect(announced('contacts.contact.created', id)).toHaveLength(1);
    expect(announced('contacts.contact.created', known.contact!.id)).toHaveLength(1);
  });

  it('CNV-1: batches racing for the same new identities make one contact per identity, each created and announced once', async () => {
    const pairs = Array.from({ length: 30 }, (_, i) => identity(`race-${i}`, 'wa-race'));
    const shuffled = () => [...pairs].sort(() => Math.random() - 0.5);
    const [single, ...batches] = await Promise.all([
      Promise.all(pairs.slice(0, 10).map((pair) => client.call('ResolveChannelContact', pair, systemCaller(workspaceId, 'conversations')))),
      resolveMany(shuffled()),
      resolveMany(shuffled()),
      resolveMany(shuffled()),
    ]);
    const answers = [...single.map((answer, i) => ({ externalId: pairs[i].externalId, ...answer })), ...batches.flatMap(({ items }) => items.map((item) => ({ externalId: item.contact!.firstName.replace('Person ', ''), ...item })))];
    for (const pair of pairs) {
      const forPair = answers.filter((answer) => answer.externalId === pair.externalId);
      expect(new Set(forPair.map((answer) => answer.contact!.id)).size).toBe(1);
      expect(forPair.filter((answer) => answer.created)).toHaveLength(1);
      const found = await api.get('/v1/contacts').query({ channelId: 'wa-race', externalId: pair.externalId }).set(bearer(owner));
      expect(found.body.items.map((contact: { id: string }) => contact.id)).toEqual([forPair[0].contact!.id]);
    }
    const ids = [...new Set(answers.map((answer) => answer.contact!.id))];
    expect(ids).toHaveLength(30);
    await eventually(() => ids.every((id) => announced('contacts.contact.created', id).length > 0), 'every creation announced');
    await everythingAnnounced();
    expect(ids.filter((id) => announced('contacts.contact.created', id).length !== 1)).toEqual([]);
  });

  it('a pair without its external id is refused, naming it', async () => {
    const refused = await resolveMany([identity('fine'), identity('')]).catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 400, details: { field: 'items[1].identity.externalId' } });
  });
});
