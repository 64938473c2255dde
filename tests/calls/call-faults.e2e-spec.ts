import { CallUpdated, EventEnvelope } from '@omnibox/contracts';
import { EventBus, EventConsumer } from '@omnibox/messaging';
import { connectNats, createLogger, NatsHandle } from '@omnibox/platform';
import { bearer, eventually, sharedEngineUrls, uniqueName } from '@omnibox/testing';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { FakeProvider, postProviderEvent } from '../support/fake-provider';
import { RunningPlatform, startPlatform } from '../support/platform';
import { ServiceProcess, startServiceProcess } from '../support/service-process';
import { allAnnouncementsReceived, consumerCaughtUp } from '../support/settled';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../../tools/engines/engines.js');

const TERMINAL = ['ended', 'missed', 'rejected', 'failed'];

/**
 * The calls service is killed (SIGKILL) during a burst of provider call events and started again:
 * events accepted meanwhile wait in JetStream, those in flight are redelivered, and every call ends in
 * the right state, its end announced once.
 */
describe('calls survive a crash of the calls service (API.md call states, ingress)', () => {
  it('killed during a burst of call events and restarted: every call ends in the right state, once', async () => {
    const namespace = uniqueName('cf');
    const engines = { NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL };
    const provider = await new FakeProvider().start();
    let platform: RunningPlatform | undefined;
    let calls: ServiceProcess | undefined;
    let nats: NatsHandle | undefined;
    let observer: EventConsumer | undefined;
    let mongo: MongoClient | undefined;
    try {
      const [httpPort, grpcPort] = [await freePort(), await freePort()];
      platform = await startPlatform(engines, ['contacts', 'conversations', 'gateway'], namespace, { CALLS_GRPC_URL: `127.0.0.1:${grpcPort}` });
      const serviceEnv = { ...platform.env, GRPC_PORT: String(grpcPort), MONGODB_DATABASE: `${namespace}_calls` };
      calls = await startServiceProcess('calls', serviceEnv, httpPort);
      nats = await connectNats(sharedEngineUrls.NATS_URL, 'calls-faults');
      const events: EventEnvelope[] = [];
      const bus = new EventBus(nats.connection, { stream: platform.env.EVENT_STREAM, subjectPrefix: platform.env.EVENT_SUBJECT_PREFIX });
      const observerDurable = uniqueName('cfobs');
      observer = new EventConsumer(bus, { durable: observerDurable, filter: '*.calls.call.updated', handle: async (event) => void events.push(event) }, createLogger('t', 'silent'));
      await observer.start();

      const api = request(platform.gatewayUrl);
      const workspace = await api.post('/v1/workspaces').send({ name: 'Crashing Calls', owner: { firstName: 'Fay', email: `fay.${namespace}@example.com`, password: 'owner-password-1' } });
      const owner = workspace.body.token as string;
      const channel = (await api.post('/v1/channels').set(bearer(owner)).send({ type: 'api', name: 'Voice', config: { outboundUrl: `${provider.url}/calls` } })).body as { id: string; secret: string };

      // 30 calls answered and ended (with the provider's talk time), 15 missed; each call's events in
      // order, the calls interleaved, at a provider's steady pace.
      const answered = Array.from({ length: 30 }, (_, i) => `${namespace}-talk-${i}`);
      const missed = Array.from({ length: 15 }, (_, i) => `${namespace}-miss-${i}`);
      const steps: Array<{ callId: string; event: string; durationSeconds?: number }> = [
        ...[...answered, ...missed].map((callId) => ({ callId, event: 'ringing' })),
        ...answered.map((callId) => ({ callId, event: 'answered' })),
        ...answered.map((callId) => ({ callId, event: 'ended', durationSeconds: 20 })),
        ...missed.map((callId) => ({ callId, event: 'ended' })),
      ];
      let restarted: Promise<void> | undefined;
      for (const [i, step] of steps.entries()) {
        if (i === Math.floor(steps.length / 3)) {
          restarted = (async () => {
            calls!.kill('SIGKILL');
            await calls!.exited;
            // Events keep arriving (and are accepted) while the service is down.
            await new Promise((resolve) => setTimeout(resolve, 1500));
            calls = await startServiceProcess('calls', serviceEnv, httpPort);
          })();
        }
        const body = { type: 'call', id: `${step.callId}.${step.event}`, timestamp: new Date().toISOString(), contact: { externalId: step.callId, firstName: 'Caller' }, call: { id: step.callId, direction: 'incoming', event: step.event, durationSeconds: step.durationSeconds } };
        expect(await postProviderEvent(platform.gatewayUrl, channel, body)).toBe(202);
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
      await restarted;

      const expected = new Map<string, string>([...answered.map((id) => [id, 'ended'] as const), ...missed.map((id) => [id, 'missed'] as const)]);
      const listed = await eventually(
        async () => {
          const page = await api.get('/v1/calls').query({ limit: 200 }).set(bearer(owner));
          const items = (page.body.items ?? []) as Array<{ providerCallId: string; status: string; endReason: string; durationSeconds: number }>;
          return [...expected].every(([id, status]) => items.find((item) => item.providerCallId === id)?.status === status) ? items : null;
        },
        'every call in its final state',
        120_000,
        500,
      );
      // One call per provider call, each in the right state.
      expect(listed.filter((item) => expected.has(item.providerCallId))).toHaveLength(expected.size);
      for (const item of listed.filter((entry) => answered.includes(entry.providerCallId))) expect(item).toMatchObject({ endReason: 'completed', durationSeconds: 20 });
      for (const item of listed.filter((entry) => missed.includes(entry.providerCallId))) expect(item).toMatchObject({ endReason: 'missed' });
      // Each end announced once (a redelivered event or an outbox replay announces nothing twice):
      // checked once every accepted event is handled, and what that announced has reached the observer.
      await consumerCaughtUp(bus, 'calls-ingress', 60_000);
      mongo = await MongoClient.connect(sharedEngineUrls.MONGODB_URL);
      await allAnnouncementsReceived(bus, observerDurable, [mongo.db(`${namespace}_calls`)]);
      const ends = new Map<string, number>();
      for (const event of events) {
        if (!CallUpdated.is(event) || !event.data.changed.includes('status') || !TERMINAL.includes(event.data.call.status)) continue;
        ends.set(event.data.call.id, (ends.get(event.data.call.id) ?? 0) + 1);
      }
      expect(ends.size).toBe(expected.size);
      expect([...ends.values()].filter((count) => count !== 1)).toEqual([]);
    } finally {
      await mongo?.close();
      await observer?.stop();
      await nats?.close();
      calls?.kill('SIGKILL');
      await platform?.stop();
      await provider.stop();
    }
  }, 300_000);
});
