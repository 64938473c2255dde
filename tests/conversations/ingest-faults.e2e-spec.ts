import { EventBus } from '@omnibox/messaging';
import { connectNats } from '@omnibox/platform';
import { bearer, eventually, isolatedEnv, sharedEngineUrls, startPrivateEngine, TestEngine, uniqueName } from '@omnibox/testing';
import request from 'supertest';
import { FakeProvider, incomingText, postProviderEvent } from '../support/fake-provider';
import { RunningPlatform, startPlatform } from '../support/platform';
import { ServiceProcess, startServiceProcess } from '../support/service-process';
import { consumerCaughtUp } from '../support/settled';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../../tools/engines/engines.js');

type Api = ReturnType<typeof request>;
const as = bearer;

async function setUp(api: Api, tag: string, provider: FakeProvider) {
  const workspace = await api.post('/v1/workspaces').send({ name: 'Faulty Co', owner: { firstName: 'Fay', email: `fay.${tag}@example.com`, password: 'owner-password-1' } });
  expect(workspace.status).toBe(201);
  const owner = workspace.body.token as string;
  const channel = await api.post('/v1/channels').set(as(owner)).send({ type: 'api', name: 'API', config: { outboundUrl: `${provider.url}/send` } });
  expect(channel.status).toBe(201);
  return { owner, channel: channel.body as { id: string; secret: string } };
}

/**
 * Sends `count` messages spread over `contacts` contacts at a steady pace, like a provider: an event
 * the gateway does not accept (503 while an engine is down) is retried until it is; answers the
 * texts that were accepted.
 */
async function sendStream(gatewayUrl: string, channel: { id: string; secret: string }, tag: string, count: number, contacts: number, everyMs: number, midway: () => Promise<void>) {
  const accepted: Array<{ externalId: string; text: string }> = [];
  const refusedStatuses: number[] = [];
  let faultDone: Promise<void> | undefined;
  for (let i = 0; i < count; i++) {
    if (i === Math.floor(count / 3)) faultDone = midway();
    const externalId = `${tag}-c${i % contacts}`;
    const text = `${tag} message ${i}`;
    const event = incomingText(externalId, text);
    for (;;) {
      const status = await postProviderEvent(gatewayUrl, channel, event).catch(() => 0);
      if (status === 202) break;
      refusedStatuses.push(status);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    accepted.push({ externalId, text });
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  await faultDone;
  return { accepted, refusedStatuses };
}

/**
 * Every accepted message is on its contact's timeline exactly once. Counted again once the ingress
 * consumer has nothing pending or unacknowledged: events the crashed process had taken come back only
 * after the acknowledgement wait, and a duplicate would be written then.
 */
async function expectEachOnceOnTimelines(api: Api, owner: string, channelId: string, accepted: Array<{ externalId: string; text: string }>, engines: { natsUrl: string; stream: string; subjectPrefix: string }, timeoutMs = 60000) {
  const externalIds = [...new Set(accepted.map((m) => m.externalId))];
  const seen = new Map<string, number>();
  const count = async () => {
    seen.clear();
    for (const externalId of externalIds) {
      const found = await api.get('/v1/contacts').query({ channelId, externalId }).set(as(owner));
      const contactId = found.body.items?.[0]?.id;
      if (!contactId) return false;
      let cursor: string | null = null;
      do {
        const page: { body: { items: Array<{ kind: string; text?: string }>; nextCursor: string | null } } = await api
          .get(`/v1/conversations/${contactId}/timeline`)
          .query({ limit: 200, ...(cursor ? { cursor } : {}) })
          .set(as(owner));
        for (const item of page.body.items) if (item.kind === 'message' && item.text) seen.set(item.text, (seen.get(item.text) ?? 0) + 1);
        cursor = page.body.nextCursor;
      } while (cursor);
    }
    return accepted.every((m) => seen.has(m.text));
  };
  await eventually(count, `all ${accepted.length} accepted messages on timelines`, timeoutMs, 500).catch((error) => {
    const missing = accepted.filter((m) => !seen.has(m.text)).map((m) => m.text);
    throw new Error(`${(error as Error).message}; missing ${missing.length}: ${missing.slice(0, 10).join(', ')}`);
  });
  const nats = await connectNats(engines.natsUrl, 'ingest-faults-settle');
  try {
    await consumerCaughtUp(new EventBus(nats.connection, { stream: engines.stream, subjectPrefix: engines.subjectPrefix }), 'conversations-ingress', 60_000);
  } finally {
    await nats.close();
  }
  await count();
  const duplicated = [...seen.entries()].filter(([, n]) => n > 1).map(([text]) => text);
  expect(duplicated).toEqual([]);
  expect(accepted.filter((m) => seen.get(m.text) !== 1)).toEqual([]);
}

describe('ingress loses and duplicates nothing across crashes (API.md ingress, CNV-1)', () => {
  it('the conversations service is killed while events are ingested and started again: every accepted event is on a timeline exactly once', async () => {
    const namespace = uniqueName('if');
    const base = isolatedEnv(namespace);
    const engines = { NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL };
    const provider = await new FakeProvider().start();
    let platform: RunningPlatform | undefined;
    let conversations: ServiceProcess | undefined;
    try {
      const [httpPort, grpcPort] = [await freePort(), await freePort()];
      platform = await startPlatform(engines, ['contacts', 'gateway'], namespace, { CONVERSATIONS_GRPC_URL: `127.0.0.1:${grpcPort}` });
      const serviceEnv = { ...base, ...engines, CONTACTS_GRPC_URL: platform.env.CONTACTS_GRPC_URL, GRPC_PORT: String(grpcPort), MONGODB_DATABASE: `${namespace}_conversations` };
      conversations = await startServiceProcess('conversations', serviceEnv, httpPort);
      const api = request(platform.gatewayUrl);
      const { owner, channel } = await setUp(api, namespace, provider);

      const { accepted } = await sendStream(platform.gatewayUrl, channel, 'kill', 150, 10, 10, async () => {
        conversations!.kill('SIGKILL');
        await conversations!.exited;
        // Events keep arriving (and are accepted) while the service is down.
        await new Promise((resolve) => setTimeout(resolve, 1500));
        conversations = await startServiceProcess('conversations', serviceEnv, httpPort);
      });
      expect(accepted).toHaveLength(150);
      await expectEachOnceOnTimelines(api, owner, channel.id, accepted, { natsUrl: engines.NATS_URL, stream: platform.env.EVENT_STREAM, subjectPrefix: platform.env.EVENT_SUBJECT_PREFIX });
    } finally {
      conversations?.kill('SIGKILL');
      await platform?.stop();
      await provider.stop();
    }
  }, 180000);

  it('NATS is restarted mid-stream: events refused while it is down are retried by the provider, and every accepted one is on a timeline exactly once', async () => {
    let nats: (TestEngine & { dispose(): Promise<void> }) | undefined;
    let platform: RunningPlatform | undefined;
    const provider = await new FakeProvider().start();
    try {
      nats = await startPrivateEngine('nats');
      platform = await startPlatform({ NATS_URL: nats.url, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL }, ['contacts', 'conversations', 'gateway']);
      const api = request(platform.gatewayUrl);
      const tag = uniqueName('nr');
      const { owner, channel } = await setUp(api, tag, provider);
      const { accepted, refusedStatuses } = await sendStream(platform.gatewayUrl, channel, 'nats', 150, 10, 10, async () => {
        await nats!.kill();
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await nats!.start();
      });
      expect(accepted).toHaveLength(150);
      // While NATS was down the gateway refused with 503 rather than accepting what it could not keep.
      expect(refusedStatuses.every((status) => status === 503)).toBe(true);
      await expectEachOnceOnTimelines(api, owner, channel.id, accepted, { natsUrl: nats.url, stream: platform.env.EVENT_STREAM, subjectPrefix: platform.env.EVENT_SUBJECT_PREFIX }, 90000);
    } finally {
      await platform?.stop();
      await nats?.dispose();
      await provider.stop();
    }
  }, 240000);
});
