import { EventEnvelope } from '@omnibox/contracts';
import { EventBus, EventConsumer } from '@omnibox/messaging';
import { connectNats, createLogger, NatsHandle } from '@omnibox/platform';
import { bearer, eventually, sharedEngineUrls, uniqueName } from '@omnibox/testing';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { incomingText, postProviderEvent } from '../support/fake-provider';
import { RunningPlatform, startPlatform } from '../support/platform';
import { allAnnouncementsReceived, consumerCaughtUp } from '../support/settled';

type TimelineItem = { kind: string; type?: string; text?: string; id: string };

/**
 * First messages of people never seen before, all at once (a campaign, issue #19): however they race,
 * each channel identity makes one contact with one conversation, and each message is on its timeline
 * and announced exactly once.
 */
describe('first messages of new contacts arriving together (CNV-1)', () => {
  let platform: RunningPlatform;
  let api: ReturnType<typeof request>;
  let nats: NatsHandle;
  let bus: EventBus;
  let consumer: EventConsumer;
  const collector = uniqueName('nc');
  let mongo: MongoClient;
  const events: EventEnvelope[] = [];
  const tag = uniqueName('nc');
  let owner: string;
  let channel: { id: string; secret: string };

  beforeAll(async () => {
    platform = await startPlatform({ NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL }, ['contacts', 'conversations', 'gateway']);
    api = request(platform.gatewayUrl);
    const workspace = await api.post('/v1/workspaces').send({ name: 'Campaign Co', owner: { firstName: 'Nina', email: `nina.${tag}@example.com`, password: 'owner-password-1' } });
    owner = workspace.body.token;
    channel = (await api.post('/v1/channels').set(bearer(owner)).send({ type: 'api', name: 'Ads' }).expect(201)).body;
    nats = await connectNats(sharedEngineUrls.NATS_URL, 'new-contacts-test');
    mongo = await MongoClient.connect(sharedEngineUrls.MONGODB_URL);
    bus = new EventBus(nats.connection, { stream: platform.env.EVENT_STREAM, subjectPrefix: platform.env.EVENT_SUBJECT_PREFIX });
    await bus.ensureStreams();
    const types = ['contacts.contact.created', 'conversations.message.created'];
    consumer = new EventConsumer(bus, { durable: collector, types, handle: async (event) => void events.push(event) }, createLogger('t', 'silent'));
    await consumer.start();
  });

  afterAll(async () => {
    await mongo?.close();
    await consumer?.stop();
    await nats?.close();
    await platform?.stop();
  });

  /** Posts every message at once; each is accepted. */
  async function postAll(messages: Array<{ externalId: string; text: string }>) {
    const statuses = await Promise.all(messages.map(({ externalId, text }) => postProviderEvent(platform.gatewayUrl, channel, incomingText(externalId, text))));
    expect(statuses.filter((status) => status !== 202)).toEqual([]);
  }

  /** The contacts of an identity, and its contact's timeline once it holds `texts`. */
  async function timelineOf(externalId: string, texts: string[]): Promise<{ contactIds: string[]; items: TimelineItem[] }> {
    return eventually(
      async () => {
        const found = await api.get('/v1/contacts').query({ channelId: channel.id, externalId }).set(bearer(owner));
        const contactIds = (found.body.items ?? []).map((contact: { id: string }) => contact.id) as string[];
        if (contactIds.length === 0) return null;
        const page = await api.get(`/v1/conversations/${contactIds[0]}/timeline`).query({ limit: 200 }).set(bearer(owner));
        const items = (page.body.items ?? []) as TimelineItem[];
        return texts.every((text) => items.some((item) => item.kind === 'message' && item.text === text)) ? { contactIds, items } : null;
      },
      `${texts.length} messages of ${externalId} on a timeline`,
      60_000,
    );
  }

  /** Every accepted provider event handled, then everything announced on the way received (see `allAnnouncementsReceived`). */
  async function everythingAnnounced() {
    await consumerCaughtUp(bus, 'conversations-ingress');
    await allAnnouncementsReceived(bus, collector, ['contacts', 'conversations'].map((service) => mongo.db(`${platform.env.MONGODB_DATABASE_PREFIX}_${service}`)));
  }

  const messageAnnouncements = (text: string) => events.filter((event) => event.type === 'conversations.message.created' && (event.data as { message: { text?: string } }).message.text === text);

  it('CNV-1: many first messages from one new identity at once make one contact, one opened conversation, each message once', async () => {
    const externalId = `${tag}-same`;
    const messages = Array.from({ length: 20 }, (_, i) => ({ externalId, text: `${tag} same ${i}` }));
    await postAll(messages);
    const { contactIds, items } = await timelineOf(externalId, messages.map((message) => message.text));
    expect(contactIds).toHaveLength(1);
    for (const { text } of messages) expect(items.filter((item) => item.kind === 'message' && item.text === text)).toHaveLength(1);
    expect(items.filter((item) => item.kind === 'event' && item.type === 'opened')).toHaveLength(1);
    const conversation = await api.get(`/v1/conversations/${contactIds[0]}`).set(bearer(owner));
    expect(conversation.body).toMatchObject({ status: 'open', assigneeId: null });
    await eventually(() => messages.every(({ text }) => messageAnnouncements(text).length > 0), 'every message announced');
    await everythingAnnounced();
    expect(events.filter((event) => event.type === 'contacts.contact.created' && event.aggregateId === contactIds[0])).toHaveLength(1);
    expect(messages.filter(({ text }) => new Set(messageAnnouncements(text).map((event) => event.id)).size !== 1)).toEqual([]);
  }, 120_000);

  it('CNV-1: first messages from many new identities at once make one contact each, each message once on its own timeline', async () => {
    const messages = Array.from({ length: 40 }, (_, i) => ({ externalId: `${tag}-many-${i}`, text: `${tag} hello from ${i}` }));
    await postAll(messages);
    const contactIds = new Set<string>();
    for (const { externalId, text } of messages) {
      const { contactIds: found, items } = await timelineOf(externalId, [text]);
      expect(found).toHaveLength(1);
      expect(items.filter((item) => item.kind === 'message')).toHaveLength(1);
      expect(items.filter((item) => item.kind === 'event' && item.type === 'opened')).toHaveLength(1);
      contactIds.add(found[0]);
    }
    expect(contactIds.size).toBe(40);
    await eventually(() => messages.every(({ text }) => messageAnnouncements(text).length > 0), 'every message announced');
    await everythingAnnounced();
    for (const id of contactIds) expect(events.filter((event) => event.type === 'contacts.contact.created' && event.aggregateId === id)).toHaveLength(1);
    expect(messages.filter(({ text }) => new Set(messageAnnouncements(text).map((event) => event.id)).size !== 1)).toEqual([]);
  }, 120_000);
});
