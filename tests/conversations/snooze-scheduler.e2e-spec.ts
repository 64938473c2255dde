import { INestApplication } from '@nestjs/common';
import { EventEnvelope } from '@omnibox/contracts';
import { EventBus, EventConsumer } from '@omnibox/messaging';
import { connectNats, connectRedis, createLogger, loadConfig, NatsHandle } from '@omnibox/platform';
import { bearer, eventually, sharedEngineUrls, startPrivateEngine, TestEngine, uniqueName } from '@omnibox/testing';
import request from 'supertest';
import { startConversations } from '../../services/conversations/src/app';
import { ConversationsConfig } from '../../services/conversations/src/config';
import { FakeProvider, incomingText, postProviderEvent } from '../support/fake-provider';
import { RunningPlatform, startPlatform } from '../support/platform';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../../tools/engines/engines.js');

const as = bearer;

/**
 * CNV-7 with several replicas and restarts: every due thread wakes exactly once, however many
 * conversations replicas poll, and a wake-up due while the service was down (even with Redis
 * emptied meanwhile) happens as soon as it is back.
 */
describe('the snooze scheduler wakes each thread exactly once across replicas and restarts (CNV-7)', () => {
  let redis: TestEngine & { dispose(): Promise<void> };
  let platform: RunningPlatform;
  let api: ReturnType<typeof request>;
  let provider: FakeProvider;
  let nats: NatsHandle;
  let consumer: EventConsumer;
  let owner: string;
  let channel: { id: string; secret: string };
  const extra: INestApplication[] = [];
  const woke: EventEnvelope[] = [];
  const tag = uniqueName('sz');

  const startReplica = async () => {
    const config = loadConfig(ConversationsConfig, {
      ...platform.env,
      HTTP_PORT: String(await freePort()),
      GRPC_PORT: String(await freePort()),
      MONGODB_DATABASE: `${platform.env.MONGODB_DATABASE_PREFIX}_conversations`,
    });
    const app = await startConversations(config);
    extra.push(app);
    return app;
  };

  /** Opens `count` threads, then snoozes them all until `delayMs` from now; answers ids and due time. */
  async function snoozedThreads(count: number, delayMs: number): Promise<{ ids: string[]; due: number }> {
    const externalIds = Array.from({ length: count }, (_, i) => `${tag}-${i}-${Math.random().toString(36).slice(2, 6)}`);
    for (const externalId of externalIds) expect(await postProviderEvent(platform.gatewayUrl, channel, incomingText(externalId, 'snooze me'))).toBe(202);
    const ids: string[] = [];
    for (const externalId of externalIds) {
      const contactId = await eventually(async () => (await api.get('/v1/contacts').query({ channelId: channel.id, externalId }).set(as(owner))).body.items?.[0]?.id, 'contact', 30000);
      await eventually(async () => (await api.get(`/v1/conversations/${contactId}`).set(as(owner))).body.status === 'open', 'open thread', 30000).catch(async (error) => {
        const conv = (await api.get(`/v1/conversations/${contactId}`).set(as(owner))).body;
        const tl = (await api.get(`/v1/conversations/${contactId}/timeline`).set(as(owner))).body;
        throw new Error(`${error.message}\n${JSON.stringify(conv)}\n${JSON.stringify(tl)}`);
      });
      ids.push(contactId);
    }
    const due = Date.now() + delayMs;
    const until = new Date(due).toISOString();
    for (const id of ids) await api.post(`/v1/conversations/${id}/snooze`).set(as(owner)).send({ until }).expect(200);
    return { ids, due };
  }

  beforeAll(async () => {
    redis = await startPrivateEngine('redis');
    provider = await new FakeProvider().start();
    platform = await startPlatform({ NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: redis.url, MONGODB_URL: sharedEngineUrls.MONGODB_URL }, ['contacts', 'conversations', 'gateway'], undefined, { SNOOZE_POLL_MS: '100' });
    api = request(platform.gatewayUrl);
    const workspace = await api.post('/v1/workspaces').send({ name: 'Snooze Co', owner: { firstName: 'Sue', email: `sue.${tag}@example.com`, password: 'owner-password-1' } });
    owner = workspace.body.token;
    channel = (await api.post('/v1/channels').set(as(owner)).send({ type: 'api', name: 'API', config: { outboundUrl: `${provider.url}/send` } })).body;
    nats = await connectNats(sharedEngineUrls.NATS_URL, 'snooze-test');
    const bus = new EventBus(nats.connection, { stream: platform.env.EVENT_STREAM, subjectPrefix: platform.env.EVENT_SUBJECT_PREFIX });
    consumer = new EventConsumer(bus, { durable: uniqueName('szw'), filter: '*.conversations.thread.woke', handle: async (event) => void woke.push(event) }, createLogger('t', 'silent'));
    await consumer.start();
  }, 60000);

  afterAll(async () => {
    await consumer?.stop();
    await nats?.close();
    await Promise.allSettled(extra.map((app) => app.close()));
    await platform?.stop();
    await provider?.stop();
    await redis?.dispose();
  });

  it('three replicas polling: each of 12 threads wakes once, at its time', async () => {
    await startReplica();
    await startReplica();
    const { ids, due } = await snoozedThreads(12, 3000);
    await eventually(() => ids.every((id) => woke.some((e) => e.aggregateId === id)), 'every thread woke', 15000, 100);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const id of ids) {
      expect(woke.filter((e) => e.aggregateId === id)).toHaveLength(1);
      const timeline = (await api.get(`/v1/conversations/${id}/timeline`).set(as(owner))).body.items as Array<{ type: string }>;
      expect(timeline.filter((item) => item.type === 'unsnoozed')).toHaveLength(1);
      expect((await api.get(`/v1/conversations/${id}`).set(as(owner))).body.status).toBe('open');
    }
    const first = Math.min(...ids.map((id) => Date.parse(woke.find((e) => e.aggregateId === id)!.occurredAt)));
    expect(first).toBeGreaterThanOrEqual(due);
  }, 90000);

  it('a wake-up due while every replica was down, with Redis emptied meanwhile, happens once they are back', async () => {
    const { ids, due } = await snoozedThreads(3, 2500);
    await platform.services.conversations!.app.close();
    await Promise.all(extra.splice(0).map((app) => app.close()));
    const flush = connectRedis(redis.url);
    await flush.redis.flushall();
    await flush.close();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now()) + 500));
    expect(woke.filter((e) => ids.includes(e.aggregateId))).toHaveLength(0);
    await startReplica();
    await eventually(() => ids.every((id) => woke.some((e) => e.aggregateId === id)), 'woke after restart', 15000, 100);
    for (const id of ids) expect(woke.filter((e) => e.aggregateId === id)).toHaveLength(1);
  }, 90000);
});
